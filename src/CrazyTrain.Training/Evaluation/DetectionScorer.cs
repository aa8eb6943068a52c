using CrazyTrain.SignModel.Detections;
using CrazyTrain.Training.Data;

namespace CrazyTrain.Training.Evaluation;

/// <summary>
/// Scores detections against ground truth: VOC-style matching (highest score first, best-IoU box of the same class,
/// each box claimed once, IoU >= 0.5), AP@0.5 per class, precision/recall at the operating threshold, AP and recall
/// per width range, and how often a distractor sign is detected as a target.
/// </summary>
public static class DetectionScorer
{
    public const double MatchIou = 0.5;

    /// <summary>A detection counts against a distractor when it overlaps it this much and matched no target.</summary>
    public const double DistractorIou = 0.3;

    public static readonly (string Name, double Min, double Max)[] SizeBuckets =
    [
        ("<16px", 0, 16), ("16-32px", 16, 32), ("32-64px", 32, 64), (">=64px", 64, double.PositiveInfinity),
    ];

    /// <param name="classThresholds">Thresholds of single classes by label (a model's classThresholds); the others use <paramref name="threshold"/>.</param>
    public static EvaluationReport Score(
        IReadOnlyList<ImageResult> images, IReadOnlyList<string> labels, double threshold, string model = "", string data = "",
        IReadOnlyDictionary<string, double>? classThresholds = null)
    {
        var of = labels.Select(l => classThresholds is not null && classThresholds.TryGetValue(l, out var t) ? t : threshold).ToArray();
        bool Above(Detection d) => d.Confidence > of[d.ClassId];
        var matched = images.Select(Match).ToList();
        var classes = new List<ClassResult>();
        for (var c = 0; c < labels.Count; c++)
        {
            var truthCount = images.Sum(i => i.Truth.Count(t => t.ClassId == c));
            var ranked = matched.SelectMany(m => m.Where(d => d.Detection.ClassId == c)).ToList();
            var ap = AveragePrecision.Compute(ranked.Select(r => new RankedDetection(r.Detection.Confidence, r.Truth is not null)), truthCount);
            var tp = ranked.Count(r => Above(r.Detection) && r.Truth is not null);
            var fp = ranked.Count(r => Above(r.Detection) && r.Truth is null);
            classes.Add(new ClassResult(labels[c], truthCount, ap, tp, fp, Ratio(tp, tp + fp), Ratio(tp, truthCount)));
        }

        var present = classes.Where(c => !double.IsNaN(c.Ap50)).ToList();
        var allTp = classes.Sum(c => c.TruePositives);
        var allFp = classes.Sum(c => c.FalsePositives);
        var allTruth = classes.Sum(c => c.GroundTruth);
        return new EvaluationReport(
            model, data, images.Count, threshold, MatchIou,
            present.Count == 0 ? double.NaN : present.Average(c => c.Ap50),
            Ratio(allTp, allTp + allFp), Ratio(allTp, allTruth),
            classes,
            SizeBuckets.Select(b => ScoreBucket(images, matched, labels.Count, Above, b)).ToList(),
            ScoreDistractors(images, matched, Above))
        {
            ClassThresholds = classThresholds,
            BySignKind = KindScoring.Merge(labels) ? KindScoring.Score(images, labels, threshold, model, data, classThresholds) : null,
        };
    }

    /// <summary>
    /// The images of each style scored on their own, in <paramref name="styles"/> order; a style without images is left
    /// out. A set rendered in several looks (each imitating another real camera) says which look the model finds hard.
    /// </summary>
    public static IReadOnlyList<StyleReport> ByStyle(
        IReadOnlyList<ImageResult> images, IReadOnlyList<string> styles, IReadOnlyList<string> labels, double threshold, string model = "", string data = "",
        IReadOnlyDictionary<string, double>? classThresholds = null) =>
        styles
            .Select(style => (Style: style, Images: images.Where(i => i.Style == style).ToList()))
            .Where(p => p.Images.Count > 0)
            .Select(p => new StyleReport(p.Style, Score(p.Images, labels, threshold, model, data, classThresholds)))
            .ToList();

    /// <summary>How much F1 the operating threshold may give up for recall: F1 is flat near its best.</summary>
    public const double F1Plateau = 0.01;

    /// <summary>
    /// The lowest threshold among <paramref name="candidates"/> whose F1 is within <see cref="F1Plateau"/> of the best,
    /// of those that detect at most <paramref name="maxDistractorConfusion"/> of the distractor signs as a target
    /// (when the images list distractors; if no candidate keeps to it, the one that confuses fewest). Real frames score
    /// lower than rendered ones, so of thresholds that are equally good here the most sensitive one is kept; the
    /// distractor budget keeps that sensitivity from turning no-horn signs and traffic lights into orders. The
    /// controller applies its own confidence floor and K-of-N agreement before it acts.
    /// </summary>
    public static double BestF1Threshold(IReadOnlyList<ImageResult> images, IReadOnlyList<string> labels, IEnumerable<double> candidates, double maxDistractorConfusion = 1)
    {
        var scored = candidates.Select(threshold =>
        {
            var report = Score(images, labels, threshold);
            var f1 = report.Precision + report.Recall == 0 ? 0 : 2 * report.Precision * report.Recall / (report.Precision + report.Recall);
            return (Threshold: threshold, F1: f1, Confusion: report.Distractors?.ConfusionRate ?? 0);
        }).ToList();
        if (scored.Count == 0)
        {
            throw new ArgumentException("No candidate thresholds.", nameof(candidates));
        }

        var allowed = scored.Where(s => s.Confusion <= maxDistractorConfusion + 1e-12).ToList();
        if (allowed.Count == 0)
        {
            var fewest = scored.Min(s => s.Confusion);
            allowed = scored.Where(s => s.Confusion <= fewest + 1e-12).ToList();
        }

        var best = allowed.Max(s => s.F1);
        return allowed.Where(s => s.F1 >= best - F1Plateau - 1e-12).Min(s => s.Threshold);
    }

    /// <summary>
    /// Per-class thresholds, each the lowest candidate at or below <paramref name="ceiling"/> whose F1 for that class is
    /// within <see cref="F1Plateau"/> of the class's best (the same rule as <see cref="BestF1Threshold"/>), for classes
    /// where that is lower than the ceiling. Meant for a set that looks like the real camera: real signs score lower
    /// than rendered ones, and a class the model is less sure of there gets a lower bar, though never one under
    /// <paramref name="floor"/> (what the set cannot show: the world's other false alarms in that tail).
    /// </summary>
    public static Dictionary<string, double> ClassThresholds(IReadOnlyList<ImageResult> images, IReadOnlyList<string> labels, IEnumerable<double> candidates, double ceiling, double floor = 0)
    {
        var reports = candidates.Where(t => t <= ceiling + 1e-9 && t >= floor - 1e-9).Select(t => (Threshold: t, Report: Score(images, labels, t))).ToList();
        var chosen = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var c = 0; c < labels.Count; c++)
        {
            // A class the set has no sign of says nothing about its bar (F1 0 at every threshold): it keeps the ceiling.
            if (reports.Count == 0 || reports[0].Report.Classes[c].GroundTruth == 0)
            {
                continue;
            }

            var scored = reports.Select(r => (r.Threshold, F1: F1(r.Report.Classes[c]))).Where(s => !double.IsNaN(s.F1)).ToList();
            if (scored.Count == 0)
            {
                continue;
            }

            var best = scored.Max(s => s.F1);
            var threshold = scored.Where(s => s.F1 >= best - F1Plateau - 1e-12).Min(s => s.Threshold);
            if (threshold < ceiling - 1e-9)
            {
                chosen[labels[c]] = threshold;
            }
        }

        return chosen;
    }

    private static double F1(ClassResult c) => c.Precision + c.Recall > 0 ? 2 * c.Precision * c.Recall / (c.Precision + c.Recall) : 0;

    /// <summary>A false positive this much inside an ignore region (intersection over its own area) is not counted.</summary>
    public const double IgnoreCover = 0.5;

    /// <summary>The annotated targets that no label box stands for (IoU &lt; 0.5 with all of them): the ignore regions.</summary>
    public static IReadOnlyList<LabelledBox> Unlabelled(IEnumerable<LabelledBox> annotated, IReadOnlyList<LabelledBox> truth) =>
        annotated.Where(a => !truth.Any(t => Overlap.IntersectionOverUnion<double>(a.X1, a.Y1, a.X2, a.Y2, t.X1, t.Y1, t.X2, t.Y2) >= MatchIou)).ToList();

    /// <summary>Each detection with the ground-truth box it claimed, or null for a false positive; detections on ignore regions are left out.</summary>
    private static List<(Detection Detection, LabelledBox? Truth)> Match(ImageResult image)
    {
        var claimed = new HashSet<LabelledBox>(ReferenceEqualityComparer.Instance);
        var result = new List<(Detection, LabelledBox?)>();
        foreach (var detection in image.Detections.OrderByDescending(d => d.Confidence))
        {
            LabelledBox? best = null;
            var bestIou = 0.0;
            foreach (var truth in image.Truth.Where(t => t.ClassId == detection.ClassId))
            {
                var iou = Iou(detection, truth);
                if (iou > bestIou)
                {
                    (best, bestIou) = (truth, iou);
                }
            }

            if (best is not null && bestIou >= MatchIou && claimed.Add(best))
            {
                result.Add((detection, best));
            }
            else if (!image.Ignored.Any(region => Covers(region, detection)))
            {
                result.Add((detection, null));
            }
        }

        return result;
    }

    private static SizeResult ScoreBucket(
        IReadOnlyList<ImageResult> images,
        List<List<(Detection Detection, LabelledBox? Truth)>> matched,
        int classCount,
        Func<Detection, bool> above,
        (string Name, double Min, double Max) bucket)
    {
        bool Inside(double width) => width >= bucket.Min && width < bucket.Max;
        var aps = new List<double>();
        var truthInBucket = 0;
        var found = 0;
        for (var c = 0; c < classCount; c++)
        {
            var truth = images.Sum(i => i.Truth.Count(t => t.ClassId == c && Inside(t.Width)));
            truthInBucket += truth;
            var ranked = matched.SelectMany(m => m.Where(d => d.Detection.ClassId == c))
                .Where(d => d.Truth is not null ? Inside(d.Truth.Width) : Inside(d.Detection.Box.Width))
                .ToList();
            found += ranked.Count(r => r.Truth is not null && above(r.Detection));
            var ap = AveragePrecision.Compute(ranked.Select(r => new RankedDetection(r.Detection.Confidence, r.Truth is not null)), truth);
            if (!double.IsNaN(ap))
            {
                aps.Add(ap);
            }
        }

        return new SizeResult(bucket.Name, bucket.Min, bucket.Max, truthInBucket, aps.Count == 0 ? double.NaN : aps.Average(), Ratio(found, truthInBucket));
    }

    private static DistractorResult? ScoreDistractors(IReadOnlyList<ImageResult> images, List<List<(Detection Detection, LabelledBox? Truth)>> matched, Func<Detection, bool> above)
    {
        var total = images.Sum(i => i.Distractors.Count);
        if (total == 0)
        {
            return null;
        }

        var detected = 0;
        var byKind = new SortedDictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < images.Count; i++)
        {
            var falsePositives = matched[i].Where(m => m.Truth is null && above(m.Detection)).Select(m => m.Detection).ToList();
            foreach (var (kind, box) in images[i].Distractors)
            {
                if (falsePositives.Any(d => Iou(d, box) >= DistractorIou))
                {
                    detected++;
                    byKind[kind] = byKind.GetValueOrDefault(kind) + 1;
                }
            }
        }

        return new DistractorResult(total, detected, (double)detected / total, byKind);
    }

    private static bool Covers(LabelledBox region, Detection d)
    {
        var box = d.Box;
        var w = Math.Min(region.X2, box.Right) - Math.Max(region.X1, box.X);
        var h = Math.Min(region.Y2, box.Bottom) - Math.Max(region.Y1, box.Y);
        var area = box.Width * box.Height;
        return w > 0 && h > 0 && area > 0 && w * h / area >= IgnoreCover;
    }

    private static double Iou(Detection d, LabelledBox t) =>
        Overlap.IntersectionOverUnion<double>(d.Box.X, d.Box.Y, d.Box.Right, d.Box.Bottom, t.X1, t.Y1, t.X2, t.Y2);

    private static double Ratio(int a, int b) => b == 0 ? 0 : (double)a / b;
}
