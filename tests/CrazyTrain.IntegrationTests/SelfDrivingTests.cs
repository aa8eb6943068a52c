using System.Net;
using System.Text.Json;
using CrazyTrain.Messaging;

namespace CrazyTrain.IntegrationTests;

/// <summary>
/// The mission end to end, with nothing fed by the test: capture plays the stop-sign sample video, the shipped
/// model sees the sign, the controller orders a stop and the virtual hub reports the motor stopped.
/// </summary>
[Collection(TrainAppCollection.Name)]
public sealed class SelfDrivingTests(TrainAppFixture train)
{
    [Fact]
    public async Task The_stop_sign_video_stops_the_train_by_itself()
    {
        using var http = train.CreateOperatorClient("controller");
        await StartCruisingAsync(http);
        var errors = new List<string>();
        using var orders = train.CreateConsumer(errors, Topics.Orders);

        // The video loops every 15 s with the sign in view for about 4.5 s of each loop.
        string? reason = null;
        var stopped = KafkaMessages.ReadUntil(orders, TimeSpan.FromSeconds(90), result =>
        {
            using var order = JsonDocument.Parse(result.Message.Value);
            var root = order.RootElement;
            if (root.GetProperty("action").GetString() != "stop" || root.GetProperty("reason").ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            reason = root.GetProperty("reason").GetProperty("label").GetString();
            return true;
        });

        Assert.True(stopped, $"No stop order within 90 s of cruising past the stop sign; client errors: {string.Join("; ", errors)}");
        Assert.Equal("stop", reason);
        var hub = await WaitForHubAsync(http, h => h.GetProperty("motorPower") is { ValueKind: JsonValueKind.Number } power && power.GetInt32() == 0);
        Assert.True(hub.GetProperty("connected").GetBoolean());
    }

    internal static async Task StartCruisingAsync(HttpClient http)
    {
        // Another test may have left an emergency stop or a halt behind; perception needs a moment after start-up.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            using (await http.PostAsync("/api/train/resume", null))
            {
            }

            using var start = await http.PostAsync("/api/train/start", null);
            if (start.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The controller refused to start: {await start.Content.ReadAsStringAsync()}");
            await Task.Delay(500);
        }
    }

    private static async Task<JsonElement> WaitForHubAsync(HttpClient http, Func<JsonElement, bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        JsonElement hub;
        do
        {
            using var state = JsonDocument.Parse(await http.GetStringAsync("/api/train"));
            hub = state.RootElement.GetProperty("hub").Clone();
            if (condition(hub))
            {
                return hub;
            }

            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Fail($"The hub did not report the motor stopped: {hub}");
        return hub;
    }
}
