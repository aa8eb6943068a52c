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
        using var controller = train.CreateOperatorClient("controller");
        using var twin = train.App.CreateHttpClient("twin", "http");
        var since = DateTimeOffset.UtcNow;
        await SelfDrivingTests.StartCruisingAsync(controller);

        // The episode: wait for the controller's stop order for the STOP sign, then for the train to stand still.
        JsonElement state = default;
        JsonElement orders = default;
        DateTimeOffset? stopOrderAt = null;
        JsonElement? stopped = null;
        var deadline = DateTime.UtcNow + EpisodeLimit;
        while (stopped is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            using (var document = JsonDocument.Parse(await controller.GetStringAsync("/api/orders?limit=50")))
            {
                orders = document.RootElement.Clone();
            }

            using (var document = JsonDocument.Parse(await twin.GetStringAsync("/api/twin")))
            {
                state = document.RootElement.Clone();
            }

            stopOrderAt ??= orders.EnumerateArray()
                .Where(o => o.GetProperty("action").GetString() == "stop"
                    && o.GetProperty("reason").ValueKind == JsonValueKind.Object
                    && o.GetProperty("reason").GetProperty("label").GetString() == "stop"
                    && o.GetProperty("time").GetDateTimeOffset() >= since)
                .Select(o => (DateTimeOffset?)o.GetProperty("time").GetDateTimeOffset())
                .Min();
            if (stopOrderAt is { } orderedAt)
            {
                stopped = Recent(state, orderedAt).Cast<JsonElement?>().FirstOrDefault(e => e!.Value.GetProperty("kind").GetString() == "stopped");
            }
        }

        Assert.True(stopOrderAt is not null, $"No stop order for the STOP sign within {EpisodeLimit}; orders: {orders}; twin: {state}");
        Assert.True(stopped is not null, $"The train never stood still after the stop order at {stopOrderAt:O}; twin: {state}");
        var events = Recent(state, stopOrderAt!.Value).ToList();
        var stoppedAt = events.IndexOf(stopped!.Value);
        Assert.DoesNotContain(events.Take(stoppedAt), e => e.GetProperty("kind").GetString() == "passed-sign" && e.GetProperty("message").GetString()!.Contains("the stop sign"));
        Assert.Contains("before the stop sign", stopped.Value.GetProperty("message").GetString());
        Assert.Contains(events.Take(stoppedAt), e => e.GetProperty("kind").GetString() == "motor"
            && e.GetProperty("message").GetString() is "motor brakes" or "motor floats");
    }

    private static IEnumerable<JsonElement> Recent(JsonElement twin, DateTimeOffset since) =>
        twin.GetProperty("events").EnumerateArray().Where(e => e.GetProperty("time").GetDateTimeOffset() >= since);
}
