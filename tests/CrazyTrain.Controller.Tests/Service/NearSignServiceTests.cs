using System.Net.Http.Json;
using System.Text.Json;
using CrazyTrain.Signs;

namespace CrazyTrain.Controller.Tests.Service;

/// <summary>
/// The near-sign gate on the real service: box and frame widths read from <c>train.detections</c> over Kafka, far
/// sightings counted in <c>/api/train</c> and never acted on, the same sign near acting.
/// </summary>
public sealed class NearSignServiceTests
{
    [Fact]
    public async Task A_far_speed_limit_is_counted_and_ignored_and_the_same_limit_near_gives_its_order()
    {
        await using var host = new ControllerHost();
        await host.InitializeAsync();

        // The controller reads from the end of the topic: frames count once it is seen consuming them.
        using (var camera = new CancellationTokenSource())
        {
            var cameraRun = host.RunCameraAsync(_ => [], 1, camera.Token);
            await Eventually.True(async () => (await host.TrainAsync()).GetProperty("perception").GetProperty("fresh").GetBoolean(), "fresh perception");
            await camera.CancelAsync();
            await cameraRun;
        }

        var frameId = 1_000_000L;
        void Publish(double boxWidthPx)
        {
            var id = frameId++;
            host.PublishRaw(id, JsonSerializer.SerializeToUtf8Bytes(new
            {
                frameId = id,
                capturedAt = DateTimeOffset.UtcNow,
                width = 640,
                height = 480,
                detections = new[] { new { label = SignCatalogue.SpeedLimit30.Label, confidence = 0.9, box = new { x = 300.0, y = 120.0, width = boxWidthPx, height = boxWidthPx } } },
            }));
        }

        // A limit seen while the train is idle is remembered with an order, so any far sighting that acted would show.
        for (var i = 0; i < 8; i++)
        {
            Publish(8);
        }

        await Eventually.True(
            async () => (await host.TrainAsync()).GetProperty("perception").GetProperty("counters").GetProperty("farSightings").GetInt64() == 8,
            "eight far sightings counted");
        Assert.Empty((await host.Http.GetFromJsonAsync<JsonElement[]>("/api/orders"))!);

        for (var i = 0; i < 3; i++)
        {
            Publish(12);
        }

        var orders = Array.Empty<JsonElement>();
        await Eventually.True(
            async () => (orders = (await host.Http.GetFromJsonAsync<JsonElement[]>("/api/orders"))!).Length > 0,
            "an order for the near limit");
        var limit = Assert.Single(orders);
        Assert.Equal("limit", limit.GetProperty("action").GetString());
        Assert.Equal(SignCatalogue.SpeedLimit30.Label, limit.GetProperty("reason").GetProperty("label").GetString());

        // What the controller made of each sighting, newest first: the order's frame confirmed the limit, after one
        // counted near frame and the eight far ones.
        var sightings = (await host.Http.GetFromJsonAsync<JsonElement[]>($"/api/sightings?label={SignCatalogue.SpeedLimit30.Label}&limit=20"))!;
        var orderFrame = limit.GetProperty("reason").GetProperty("frameId").GetInt64();
        var confirmed = sightings.Single(s => s.GetProperty("frameId").GetInt64() == orderFrame);
        Assert.Equal("confirmed", confirmed.GetProperty("verdict").GetString());
        Assert.Equal(12.0 / 640, confirmed.GetProperty("widthFraction").GetDouble(), 6);
        var before = sightings.Where(s => s.GetProperty("frameId").GetInt64() < orderFrame).Select(s => s.GetProperty("verdict").GetString()).ToList();
        Assert.Equal(["counted", .. Enumerable.Repeat("far", 8)], before);
    }
}
