using CrazyTrain.Signs;

namespace CrazyTrain.Training.Evaluation;

/// <summary>
/// Scoring by kind of sign: the catalogue's speed caps (30 and 50) count as one kind, <c>speed_limit</c>. That is
/// what the train acts on first (a round sign with a number means slow down; the reader then picks the number), how
/// the decoder already treats them in NMS, and how the hidden set of real photos counts them. The per-class report
/// stays the model's own measure; this one is the stand-in for the real-photo bar.
/// </summary>
public static class KindScoring
{
    public const string SpeedLimit = "speed_limit";

    public static string Of(string label) => SignCatalogue.Find(label)?.Rule == SignRule.SpeedCap ? SpeedLimit : label;

    /// <summary>True when some labels share a kind, so a by-kind report says something the per-class one does not.</summary>
    public static bool Merge(IReadOnlyList<string> labels) => labels.Select(Of).Distinct(StringComparer.Ordinal).Count() < labels.Count;

    /// <summary>Scores the images with labels replaced by their kinds; a kind's threshold is the lowest of its labels'.</summary>
    public static EvaluationReport Score(
        IReadOnlyList<ImageResult> images, IReadOnlyList<string> labels, double threshold, string model, string data,
        IReadOnlyDictionary<string, double>? classThresholds)
    {
        var kinds = labels.Select(Of).Distinct(StringComparer.Ordinal).ToList();
        var kindOf = labels.Select(l => kinds.IndexOf(Of(l))).ToArray();
        var kindThresholds = classThresholds is null
            ? null
            : kinds.ToDictionary(
                k => k,
                k => labels.Where(l => Of(l) == k).Min(l => classThresholds.TryGetValue(l, out var t) ? t : threshold),
                StringComparer.Ordinal);
        var merged = images.Select(i => new ImageResult(
            i.Truth.Select(t => t with { ClassId = kindOf[t.ClassId] }).ToList(),
            i.Detections.Select(d => d with { Label = Of(d.Label), ClassId = kindOf[d.ClassId] }).ToList(),
            i.Distractors)
        {
            Ignored = i.Ignored,
        }).ToList();
        return DetectionScorer.Score(merged, kinds, threshold, model, data, kindThresholds);
    }
}
