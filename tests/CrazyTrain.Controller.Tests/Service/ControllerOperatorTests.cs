using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CrazyTrain.Controller.Tests.Service;

/// <summary>Operator commands against the running service; a host of its own, since an emergency stop outlives the test.</summary>
public sealed class ControllerOperatorTests(ControllerHost host) : IClassFixture<ControllerHost>
{
    [Fact]
    public async Task Emergency_stop_wins_until_resumed_and_malformed_detections_are_counted()
    {
        var emergency = await host.Http.PostAsync("/api/train/emergency-stop", null);
        var start = await host.Http.PostAsync("/api/train/start", null);

        Assert.Equal(HttpStatusCode.OK, emergency.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, start.StatusCode);
        var refusal = await start.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(refusal.GetProperty("accepted").GetBoolean());
        Assert.Contains("emergency stop", refusal.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("emergency-stopped", (await host.TrainAsync()).GetProperty("state").GetString());
        var emergencyOrder = host.ReadOrder(o => o.GetProperty("action").GetString() == "emergency-stop").Order;
        Assert.Equal(JsonValueKind.Null, emergencyOrder.GetProperty("reason").ValueKind);

        // The consumer joins its group at "latest": keep sending until it is there to count them.
        await Eventually.True(
            async () => (await host.TrainAsync()).GetProperty("perception").GetProperty("counters").GetProperty("malformedMessages").GetInt64() >= 2,
            "malformed messages counted",
            step: () =>
            {
                host.PublishRaw(1_000_000, "{not json"u8.ToArray());
                host.PublishRaw(1_000_001, """{"frameId": 5}"""u8.ToArray());
                Thread.Sleep(200);
            });
        Assert.Equal("emergency-stopped", (await host.TrainAsync()).GetProperty("state").GetString());
    }
}
