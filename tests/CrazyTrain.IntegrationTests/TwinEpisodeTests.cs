using System.Text.Json;

namespace CrazyTrain.IntegrationTests;

/// <summary>
/// One short closed-loop episode: the twin renders the camera from the train's pose, capture, inference and the
/// controller run as in the README, and the train must stand still before the STOP sign, its hub holding the motor
/// at float or brake. Nothing is fed by the test but the operator's start.
/// </summary>
[Collection(TrainAppCollection.Name)]
public sealed class TwinEpisodeTests(TrainAppFixture train)
{
    private static readonly TimeSpan EpisodeLimit = TimeSpan.FromSeconds(150);

    [Fact]
    public async Task The_train_stops_before_the_stop_sign_by_itself()
    {
        using var controller = train.App.CreateHttpClient("controller");
        using var twin = train.App.CreateHttpClient("twin", "http");
        var since = DateTimeOffset.UtcNow;
        await SelfDrivingTests.StartCruisingAsync(controller);

        JsonElement state = default;
        JsonElement? stopped = null;
        var deadline = DateTime.UtcNow + EpisodeLimit;
        while (stopped is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            using var document = JsonDocument.Parse(await twin.GetStringAsync("/api/twin"));
            state = document.RootElement.Clone();
            stopped = Recent(state, since).Cast<JsonElement?>().FirstOrDefault(e => e!.Value.GetProperty("kind").GetString() == "stopped");
        }

        Assert.True(stopped is not null, $"The train never came to a standstill within {EpisodeLimit}; twin: {state}");
        var events = Recent(state, since).ToList();
        var stoppedAt = events.IndexOf(stopped!.Value);
        Assert.DoesNotContain(events.Take(stoppedAt), e => e.GetProperty("kind").GetString() == "passed-sign" && e.GetProperty("message").GetString()!.Contains("the stop sign"));
        Assert.Contains("before the stop sign", stopped.Value.GetProperty("message").GetString());
        var lastMotor = events.Take(stoppedAt).Last(e => e.GetProperty("kind").GetString() == "motor");
        Assert.Contains(lastMotor.GetProperty("message").GetString(), new[] { "motor brakes", "motor floats" });

        using var orders = JsonDocument.Parse(await controller.GetStringAsync("/api/orders?limit=50"));
        Assert.Contains(orders.RootElement.EnumerateArray(), o =>
            o.GetProperty("action").GetString() == "stop"
            && o.GetProperty("reason").ValueKind == JsonValueKind.Object
            && o.GetProperty("reason").GetProperty("label").GetString() == "stop");
    }

    private static IEnumerable<JsonElement> Recent(JsonElement twin, DateTimeOffset since) =>
        twin.GetProperty("events").EnumerateArray().Where(e => e.GetProperty("time").GetDateTimeOffset() >= since);
}
