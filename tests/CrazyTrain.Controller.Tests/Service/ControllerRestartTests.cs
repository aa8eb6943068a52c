using System.Text.Json;
using CrazyTrain.Messaging;

namespace CrazyTrain.Controller.Tests.Service;

/// <summary>
/// A restarted controller starts at the end of <c>train.detections</c>: what was published while it was down is
/// never replayed, on librdkafka's mock cluster speaking the real protocol (group coordinator, committed offsets).
/// </summary>
public sealed class ControllerRestartTests
{
    private static long Counter(JsonElement train, string name) =>
        train.GetProperty("perception").GetProperty("counters").GetProperty(name).GetInt64();

    private static async Task SeeFrameAsync(ControllerHost host, long firstFrameId)
    {
        // A new consumer joins at "latest": keep the camera running until the controller is there to see it.
        using var camera = new CancellationTokenSource();
        var cameraRun = host.RunCameraAsync(_ => [], firstFrameId, camera.Token);
        await Eventually.True(
            async () => (await host.TrainAsync()).GetProperty("perception").GetProperty("lastFrameId") is { ValueKind: JsonValueKind.Number } id
                && id.GetInt64() >= firstFrameId,
            $"the controller reads frames from {firstFrameId} on");
        await camera.CancelAsync();
        await cameraRun;
    }

    [Fact]
    public async Task Detections_published_while_the_controller_was_down_are_not_replayed_after_its_restart()
    {
        using var cluster = DevelopmentKafkaCluster.Start();
        await using (var before = new ControllerHost(null, sharedCluster: cluster))
        {
            await before.InitializeAsync();
            await SeeFrameAsync(before, 1);

            // Leaving cleanly commits what it handled: a controller that rejoined its group would resume right here.
        }

        await using var after = new ControllerHost(null, sharedCluster: cluster);
        // The backlog goes in before the new controller starts. Malformed on purpose: each one the controller reads
        // is counted whatever its capture time says, so the count shows the consumer's start, not the freshness rules.
        for (var i = 0; i < 10; i++)
        {
            ControllerHost.PublishRawTo(cluster.BootstrapServers, 500 + i, "{\"backlog\": true}"u8.ToArray());
        }

        await after.InitializeAsync();
        await SeeFrameAsync(after, 1_000);

        var train = await after.TrainAsync();
        Assert.Equal(0, Counter(train, "malformedMessages"));
        Assert.True(Counter(train, "framesAccepted") > 0);
    }
}
