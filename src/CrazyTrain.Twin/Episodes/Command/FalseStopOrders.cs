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

        var stopping = orders.OfType<JsonObject>()
            .Where(o => Stopping.Contains(o["action"]?.GetValue<string>() ?? string.Empty) && o["time"] is not null)
            .Select(o => (Time: o["time"]!.GetValue<DateTimeOffset>(), Order: o))
            .OrderBy(o => o.Time)
            .ToList();
        foreach (var stop in falseStops.OfType<JsonObject>().Where(f => f["controller"] is null && f["stopOrderAt"] is not null))
        {
            var at = stop["stopOrderAt"]!.GetValue<DateTimeOffset>();
            if (stopping.LastOrDefault(o => o.Time <= at + Slack).Order is { } order)
            {
                stop["controller"] = Describe(order);
            }
        }
    }

    /// <summary>"stop (stop 0.43, frame 1234)", as the episode's false halts already say theirs.</summary>
    public static string Describe(JsonObject order) =>
        order["reason"] is JsonObject reason
            ? $"{order["action"]} ({reason["label"]} {reason["confidence"]}, frame {reason["frameId"]})"
            : $"{order["action"]}";
}
