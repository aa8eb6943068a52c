using System.Text.Json.Nodes;

namespace CrazyTrain.Twin.Episodes.Command;

/// <summary>
/// Names, for each false stop of an episode record, the controller's order that stopped the train there: its action and
/// the reading behind it (label, confidence, frame), from the controller's order history (<c>GET /api/orders</c>). The
/// twin knows where the train stood and what sign was next; only the controller knows what it thought it saw.
/// </summary>
internal static class FalseStopOrders
{
    /// <summary>Actions that stop the train; the false stop's hub command follows one of them.</summary>
    private static readonly HashSet<string> Stopping = ["stop", "halt", "danger", "fail-safe-stop", "emergency-stop"];

    /// <summary>
    /// The hub takes the command a few milliseconds after the controller orders it, on the same clock here; a little
    /// slack keeps a reordering of the two time stamps from missing the order.
    /// </summary>
    private static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(50);

    /// <summary>Adds <c>controller</c> to each false stop that has none and a hub command time (<c>stopOrderAt</c>).</summary>
    public static void Attach(JsonArray? falseStops, JsonArray? orders)
    {
        if (falseStops is null || orders is null)
        {
            return;
        }

        foreach (var stop in falseStops.OfType<JsonObject>().Where(f => f["controller"] is null))
        {
            if (OrderBehind(stop, orders.OfType<JsonObject>()) is { } order)
            {
                stop["controller"] = Describe(order);
            }
        }
    }

    /// <summary>
    /// The controller's newest stopping order at or before the hub took the command that stopped the train (the false
    /// stop's <c>stopOrderAt</c>), or null when there is none or the record has no such time.
    /// </summary>
    private static JsonObject? OrderBehind(JsonObject falseStop, IEnumerable<JsonObject> orders)
    {
        if (falseStop["stopOrderAt"] is not JsonValue hubTook)
        {
            return null;
        }

        var at = hubTook.GetValue<DateTimeOffset>() + Slack;
        return orders
            .Where(o => Stopping.Contains(o["action"]?.GetValue<string>() ?? string.Empty) && o["time"] is not null && Time(o) <= at)
            .MaxBy(Time);
    }

    private static DateTimeOffset Time(JsonObject order) => order["time"]!.GetValue<DateTimeOffset>();

    /// <summary>"stop (stop 0.43, frame 1234)", as the episode's false halts already say theirs.</summary>
    public static string Describe(JsonObject order) =>
        order["reason"] is JsonObject reason
            ? $"{order["action"]} ({reason["label"]} {reason["confidence"]}, frame {reason["frameId"]})"
            : $"{order["action"]}";
}
