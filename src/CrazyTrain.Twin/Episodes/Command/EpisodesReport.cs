using System.Text.Json.Nodes;

namespace CrazyTrain.Twin.Episodes.Command;

/// <summary>
/// The command's JSON: <c>summary</c> over every target sign the train reached, and <c>episodes</c> as the twin recorded
/// them (docs/twin.md "Episodes"). A sign counts once the train stopped before it or passed it; signs an episode never
/// reached (it ended first) are counted apart. Reaction times: <c>reactionMs*</c> wall-clock, <c>reactionSimMs*</c> simulated.
/// </summary>
internal static class EpisodesReport
{
    public static JsonObject Build(IReadOnlyList<JsonObject> episodes, string? error)
    {
        var signs = episodes.SelectMany(e => e["signs"]?.AsArray() ?? []).OfType<JsonObject>().Where(s => Bool(s, "target") == true).ToList();
        var stops = signs.Where(s => Label(s) == "stop" && Bool(s, "stoppedBeforeSign") is not null).ToList();
        var noEntries = signs.Where(s => Label(s) == "no_entry" && Bool(s, "stoppedBeforeSign") is not null).ToList();
        var limits = signs.Where(s => Bool(s, "speedObeyed") is not null).ToList();
        var dangers = signs.Where(s => Bool(s, "slowed") is not null).ToList();
        var reached = stops.Count + noEntries.Count + limits.Count + dangers.Count;
        var summary = new JsonObject
        {
            ["episodes"] = episodes.Count,
            ["stopSigns"] = stops.Count,
            ["stoppedBeforeSign"] = stops.Count(s => Bool(s, "stoppedBeforeSign") == true),
            ["missedStops"] = stops.Count(s => Bool(s, "stoppedBeforeSign") == false),
            ["falseStops"] = episodes.Sum(e => e["falseStops"]?.AsArray().Count ?? 0),
            ["stopOrders"] = episodes.Sum(e => e["stopOrders"]?.GetValue<int>() ?? 0),
            ["speedLimitSigns"] = limits.Count,
            ["speedLimitObeyed"] = limits.Count(s => Bool(s, "speedObeyed") == true),
            ["dangerSigns"] = dangers.Count,
            ["dangerSlowed"] = dangers.Count(s => Bool(s, "slowed") == true),
            ["noEntrySigns"] = noEntries.Count,
            ["haltedAtNoEntry"] = noEntries.Count(s => Bool(s, "stoppedBeforeSign") == true),
            ["signsNotReached"] = signs.Count - reached,
            ["reactionMsP50"] = Percentile(signs, "reactionMs", 0.50),
            ["reactionMsP95"] = Percentile(signs, "reactionMs", 0.95),
            ["reactionSimMsP50"] = Percentile(signs, "reactionSimMs", 0.50),
            ["reactionSimMsP95"] = Percentile(signs, "reactionSimMs", 0.95),
            ["stopDistanceCmP50"] = Percentile(stops, "stopDistanceCm", 0.50),
            ["stopDistancesCm"] = new JsonArray([.. Values(stops, "stopDistanceCm").Select(v => (JsonNode?)v)]),
            ["endedBecause"] = new JsonObject([.. episodes
                .GroupBy(e => Reason(e["endedBecause"]?.GetValue<string>()))
                .Select(g => KeyValuePair.Create(g.Key, (JsonNode?)g.Count()))]),
        };
        var report = new JsonObject { ["summary"] = summary, ["episodes"] = new JsonArray([.. episodes.Select(e => e.DeepClone())]) };
        if (error is not null)
        {
            report["error"] = error;
        }

        return report;
    }

    /// <summary>Nearest-rank percentile, or null when there are no values.</summary>
    public static double? Percentile(IEnumerable<JsonObject> items, string field, double p)
    {
        var values = Values(items, field);
        return values.Count == 0 ? null : values[Math.Clamp((int)Math.Ceiling(p * values.Count) - 1, 0, values.Count - 1)];
    }

    private static List<double> Values(IEnumerable<JsonObject> items, string field) =>
        [.. items.Select(i => i[field]).OfType<JsonValue>().Select(v => v.GetValue<double>()).Order()];

    private static string? Label(JsonObject sign) => sign["label"]?.GetValue<string>();

    private static bool? Bool(JsonObject o, string field) => o[field] is JsonValue v ? v.GetValue<bool>() : null;

    private static string Reason(string? because) => because is null ? "not-ended" : because.Split(':')[0];
}
