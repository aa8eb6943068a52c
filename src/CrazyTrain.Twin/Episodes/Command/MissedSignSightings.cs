using System.Globalization;
using System.Text.Json.Nodes;

namespace CrazyTrain.Twin.Episodes.Command;

/// <summary>
/// Says, for each target sign an episode's train passed without obeying (a STOP or no-entry sign it did not stand still
/// before, a speed limit it passed too fast, a danger sign it did not slow for), what the controller made of that sign's
/// label while the train approached it, from the controller's sighting log (<c>GET /api/sightings</c>): never delivered
/// near, delivered too few times to confirm, or held by the latch of the same label obeyed moments before. The twin
/// knows where the sign was; only the controller knows what reached it.
/// </summary>
internal static class MissedSignSightings
{
    /// <summary>Sightings up to this long before the train passed the sign count as its approach (270 cm at cruise).</summary>
    public static readonly TimeSpan Approach = TimeSpan.FromSeconds(10);

    /// <summary>Target signs of the record the train passed without obeying.</summary>
    public static IEnumerable<JsonObject> Missed(JsonArray? signs) =>
        (signs ?? []).OfType<JsonObject>().Where(s => s["passedAt"] is JsonValue
            && (IsFalse(s["stoppedBeforeSign"]) || IsFalse(s["speedObeyed"]) || IsFalse(s["slowed"])));

    /// <summary>Adds <c>controllerSightings</c> to a missed sign: counts by verdict in its approach, best confidence, widest box.</summary>
    public static void Attach(JsonObject sign, JsonArray? sightings)
    {
        if (sightings is null || sign["passedAt"] is not JsonValue passed || sign["label"]?.GetValue<string>() is not { } label)
        {
            return;
        }

        var passedAt = passed.GetValue<DateTimeOffset>();
        var approach = sightings.OfType<JsonObject>()
            .Where(s => s["label"]?.GetValue<string>() == label && s["capturedAt"] is JsonValue at
                && at.GetValue<DateTimeOffset>() is var t && t <= passedAt && t >= passedAt - Approach)
            .ToList();
        var summary = new JsonObject { ["frames"] = approach.Select(s => s["frameId"]?.GetValue<long>()).Distinct().Count() };
        foreach (var verdict in approach.GroupBy(s => s["verdict"]?.GetValue<string>() ?? "unknown").OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            summary[verdict.Key] = verdict.Count();
        }

        if (approach.Count > 0)
        {
            summary["bestConfidence"] = Math.Round(approach.Max(s => s["confidence"]!.GetValue<double>()), 3);
            summary["widestOfFrame"] = approach.Max(s => s["widthFraction"] is JsonValue w ? Math.Round(w.GetValue<double>(), 4) : (double?)null);
        }

        sign["controllerSightings"] = summary;
    }

    /// <summary>"12 frames: 3 far, 9 latched, best 0.88", for the command's log line.</summary>
    public static string Describe(JsonObject summary) =>
        summary["frames"]?.GetValue<int>() is not > 0
            ? "no sighting of it reached the controller"
            : string.Create(CultureInfo.InvariantCulture, $"{summary["frames"]} frames: {string.Join(", ", summary.Where(p => p.Key is not ("frames" or "bestConfidence" or "widestOfFrame")).Select(p => $"{p.Value} {p.Key}"))}, best {summary["bestConfidence"]}");

    private static bool IsFalse(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) && !b;
}
