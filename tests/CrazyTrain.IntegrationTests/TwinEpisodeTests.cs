using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CrazyTrain.IntegrationTests;

/// <summary>
/// One short closed-loop episode: the operator resets the twin to a seeded episode through its API, the twin renders
/// the camera from the train's pose, capture, inference and the controller run as in the README, and the twin's own
/// record must show the train standing still before the STOP sign, the hub's first order after it came into view
/// stopping or slowing the train, and the controller's orders a `stop` for the sign. Nothing is fed by the test but the
/// operator's reset and start. On a loaded box the pipeline may lag past the controller's perception timeout: the train
/// then fail-safe stops and comes back by itself, which is the controller being safe, not a false detection; the twin
/// records that standstill as a false stop named by the hub command that caused it, and the test accepts it only when
/// the controller's order behind that command was `fail-safe-stop`, or a `stop` for the STOP sign ahead that the twin had
/// not yet counted as glimpsed.
/// </summary>
[Collection(TrainAppCollection.Name)]
public sealed class TwinEpisodeTests(TrainAppFixture train)
{
    /// <summary>
    /// An oval of 278 cm in the daylight living room, one STOP sign 140 cm ahead of the train (seen from 54 cm) and a
    /// distractor: a short episode whose only target leaves the world fit for the other tests (a STOP sign to meet).
    /// </summary>
    private const int Seed = 70;

    private static readonly TimeSpan EpisodeLimit = TimeSpan.FromSeconds(150);

    [Fact]
    public async Task The_train_stops_before_the_stop_sign_of_a_seeded_episode_by_itself()
    {
        using var controller = train.CreateOperatorClient("controller");
        using var twin = train.CreateOperatorClient("twin");

        // The world changes under the train: it must stand still first (another test may have left it running).
        using (await controller.PostAsync("/api/train/emergency-stop", null))
        {
        }

        // Orders before this belong to other tests sharing the application.
        var episodeBegan = DateTimeOffset.UtcNow;
        using var reset = await twin.PostAsJsonAsync("/api/twin/episode", new { seed = Seed });
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);

        // The camera paints the new layout once before its first frame: starting before frames flow again would let
        // perception go stale and the controller fail-safe stop the train (a false stop in the record).
        var framesAtReset = await FramesAsync(twin);
        var framesDeadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (await FramesAsync(twin) < framesAtReset + 5 && DateTime.UtcNow < framesDeadline)
        {
            await Task.Delay(250);
        }

        await SelfDrivingTests.StartCruisingAsync(controller);

        JsonElement episode = default;
        JsonElement? stop = null;
        var deadline = DateTime.UtcNow + EpisodeLimit;
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
            using var document = JsonDocument.Parse(await twin.GetStringAsync("/api/twin/episode"));
            episode = document.RootElement.Clone();
            stop = episode.GetProperty("signs").EnumerateArray().Single(s => s.GetProperty("label").GetString() == "stop");
            if (stop.Value.GetProperty("stoppedBeforeSign").ValueKind != JsonValueKind.Null)
            {
                break;
            }
        }

        Assert.Equal(Seed, episode.GetProperty("seed").GetInt32());
        Assert.True(stop is { } s && s.GetProperty("stoppedBeforeSign").ValueKind == JsonValueKind.True,
            $"The train did not stand still before the STOP sign within {EpisodeLimit}; episode: {episode}");
        Assert.InRange(stop!.Value.GetProperty("stopDistanceCm").GetDouble(), 0.01, 100);
        // The hub's first command after the sign came into view stops the train, or at least slows it: the sign reader
        // may take a STOP sign's first 20 px frames for a speed limit (then the stop order below follows), never for
        // a reason to go faster. Or the train already brakes for it when it comes into view: the controller acts from
        // 10 px and the twin counts the sign in view from 12 px, so on a curve, where the sign appears at once, the
        // brake can come a frame before (CI, 2026-12-06: braked 39 ms before, then the next command was the resume).
        Assert.True(stop.Value.GetProperty("order").GetString() is "brake" or "float"
            || stop.Value.GetProperty("powerWhenVisible").GetString() is "brake" or "float"
            || (Power(stop.Value.GetProperty("order").GetString()) is { } first && first < Power(stop.Value.GetProperty("powerWhenVisible").GetString())),
            $"The hub's order after the sign came into view neither stopped nor slowed the train; episode: {episode}");
        Assert.True(stop.Value.GetProperty("firstVisibleAt").ValueKind == JsonValueKind.String, $"no frame showed the sign 12 px wide; episode: {episode}");

        // A fail-safe stop in view of the sign holds it and gives its stop order when perception is back.
        JsonElement orders = default;
        await Eventually.True(async () =>
        {
            orders = await OrdersSinceAsync(controller, episodeBegan);
            return orders.EnumerateArray().Any(o => o.GetProperty("action").GetString() == "stop"
                && o.GetProperty("reason") is { ValueKind: JsonValueKind.Object } reason && reason.GetProperty("label").GetString() == "stop");
        }, "the controller gives a stop order for the STOP sign", TimeSpan.FromSeconds(30));

        var unexplained = episode.GetProperty("falseStops").EnumerateArray()
            .Select(falseStop => (falseStop, order: OrderBehind(falseStop, orders)))
            .Where(f => f.order?.GetProperty("action").GetString() != "fail-safe-stop" && !ForTheStopSignAhead(f.falseStop, f.order))
            .Select(f => $"{f.falseStop} after {(f.order is { } o ? o.ToString() : "no order")}")
            .ToList();
        Assert.True(unexplained.Count == 0, $"standstills no sign, no fail-safe stop and no stop for the STOP sign ahead explain: {string.Join("; ", unexplained)}; orders: {orders}");
    }

    /// <summary>
    /// A standstill the controller ordered for a STOP sign while the STOP sign was the next sign ahead: the controller read
    /// the sign before the twin's camera counted it glimpsed (seen once under the full suite: the sign entered the view
    /// 55 cm ahead and the stop order came first, so the recorder named that standstill false). Still the sign obeyed.
    /// </summary>
    private static bool ForTheStopSignAhead(JsonElement falseStop, JsonElement? order) =>
        falseStop.GetProperty("nextSign").GetString() == "stop"
        && order is { } o && o.GetProperty("action").GetString() == "stop"
        && o.GetProperty("reason") is { ValueKind: JsonValueKind.Object } reason && reason.GetProperty("label").GetString() == "stop";

    /// <summary>The motor power of a twin order name ("power 30"), or null for brake and float.</summary>
    private static int? Power(string? order) =>
        order is not null && order.StartsWith("power ", StringComparison.Ordinal) ? int.Parse(order["power ".Length..], System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <summary>The controller's newest order given before the hub took the command that stopped the train.</summary>
    private static JsonElement? OrderBehind(JsonElement falseStop, JsonElement orders)
    {
        if (falseStop.GetProperty("stopOrderAt") is not { ValueKind: JsonValueKind.String } hubTook)
        {
            return null;
        }

        var at = hubTook.GetDateTimeOffset();
        return orders.EnumerateArray()
            .Where(o => o.GetProperty("time").GetDateTimeOffset() <= at)
            .OrderByDescending(o => o.GetProperty("time").GetDateTimeOffset())
            .Select(o => (JsonElement?)o)
            .FirstOrDefault();
    }

    private static async Task<JsonElement> OrdersSinceAsync(HttpClient controller, DateTimeOffset since)
    {
        using var document = JsonDocument.Parse(await controller.GetStringAsync("/api/orders?limit=200"));
        var recent = document.RootElement.EnumerateArray().Where(o => o.GetProperty("time").GetDateTimeOffset() >= since).ToList();
        return JsonSerializer.SerializeToElement(recent);
    }

    private static async Task<long> FramesAsync(HttpClient twin)
    {
        using var document = JsonDocument.Parse(await twin.GetStringAsync("/api/twin"));
        return document.RootElement.GetProperty("camera").GetProperty("frames").GetInt64();
    }
}
