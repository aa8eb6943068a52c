using CrazyTrain.SignModel.Imaging;
using CrazyTrain.SignModel.Metadata;
using CrazyTrain.SignModel.Runtime;

namespace CrazyTrain.SignModel.Detections;

/// <summary>
/// Turns the model's <c>boxes</c> <c>[1, A, 4]</c> and <c>scores</c> <c>[1, A, C]</c> into detections:
/// best sign per candidate, threshold (the caller's, else the class's own, else the model's), non-maximum
/// suppression (per sign unless class-agnostic), at most <c>maxDetections</c>, boxes mapped back to frame pixels.
/// Working arrays are allocated once per model.
/// </summary>
/// <remarks>
/// Classes that are readings of one kind of sign (the speed limits: one round sign, two numbers) share one score:
/// the sum of their probabilities, reported under the likeliest reading. The second stage splits a sign's score
/// s over what it reads (s x P(30) + s x P(50) = s), so an unsure reading used to halve both and a real speed
/// limit ended below every threshold; now the sign is found with its full score and the reading picks the number.
/// NMS also treats the readings of one sign as one class, so a sign is never reported as both.
/// </remarks>
public sealed class DetectionDecoder
{
    private readonly ModelCard _card;
    private readonly Candidate[] _candidates;
    private readonly bool[] _suppressed;
    private readonly int _classes;
    private readonly int[] _group;
    private readonly float[] _groupScore;
    private readonly float[] _groupBest;
    private readonly int[] _groupBestClass;
    private readonly float[] _classThresholds;
    private readonly float _lowestClassThreshold;
    private readonly int _largestGroup;

    public DetectionDecoder(ModelCard card, int anchors)
    {
        _card = card;
        _classes = card.Labels.Count;
        _candidates = new Candidate[anchors];
        _suppressed = new bool[anchors];
        _group = SignGroups.Of(card.Labels);
        var groups = _group.Length == 0 ? 0 : _group.Max() + 1;
        _groupScore = new float[groups];
        _groupBest = new float[groups];
        _groupBestClass = new int[groups];
        _classThresholds = card.Labels
            .Select(label => card.ClassThresholds is { } t && t.TryGetValue(label, out var own) ? own : card.Threshold)
            .ToArray();
        _lowestClassThreshold = _classThresholds.DefaultIfEmpty(card.Threshold).Min();
        _largestGroup = _group.GroupBy(g => g).Select(g => g.Count()).DefaultIfEmpty(1).Max();
    }

    /// <param name="threshold">The caller's threshold for every class; null for the model's own (per class where it has them).</param>
    public IReadOnlyList<Detection> Decode(
        ReadOnlySpan<float> boxes, ReadOnlySpan<float> scores, Letterbox letterbox, float? threshold)
    {
        var count = Collect(boxes, scores, threshold);
        if (count == 0)
        {
            return [];
        }

        var candidates = _candidates.AsSpan(0, count);
        candidates.Sort(new ByScoreDescending());
        var suppressed = _suppressed.AsSpan(0, count);
        suppressed.Clear();

        var nms = _card.Nms;
        var kept = new List<Detection>(Math.Min(count, nms.MaxDetections));
        for (var i = 0; i < count && kept.Count < nms.MaxDetections; i++)
        {
            if (suppressed[i])
            {
                continue;
            }

            ref readonly var best = ref candidates[i];
            var detection = ToFrame(best, letterbox);
            if (detection is not null)
            {
                kept.Add(detection);
            }

            for (var j = i + 1; j < count; j++)
            {
                if (!suppressed[j]
                    && (nms.ClassAgnostic || _group[candidates[j].Label] == _group[best.Label])
                    && IntersectionOverUnion(best, candidates[j]) > nms.IouThreshold)
                {
                    suppressed[j] = true;
                }
            }
        }

        return kept;
    }

    private int Collect(ReadOnlySpan<float> boxes, ReadOnlySpan<float> scores, float? threshold)
    {
        var sigmoid = _card.Output.ScoreActivation == ScoreActivation.Sigmoid;
        var center = _card.Output.BoxFormat == BoxFormat.Cxcywh;
        var count = 0;
        var floor = threshold ?? _lowestClassThreshold;
        for (var a = 0; a < _candidates.Length; a++)
        {
            var row = scores.Slice(a * _classes, _classes);

            // Most cells score (almost) nothing: a sign's score is at most its group's size times the cell's best
            // class probability, so a cell whose bound is under every threshold is passed over without grouping.
            var raw = row[0];
            for (var c = 1; c < row.Length; c++)
            {
                raw = MathF.Max(raw, row[c]);
            }

            var bound = sigmoid ? 1f / (1f + MathF.Exp(-raw)) : raw;
            if (!(bound * _largestGroup > floor))
            {
                continue;
            }

            Array.Clear(_groupScore);
            Array.Fill(_groupBest, -1f);
            for (var c = 0; c < row.Length; c++)
            {
                var p = sigmoid ? 1f / (1f + MathF.Exp(-row[c])) : row[c];
                var g = _group[c];
                _groupScore[g] += p;
                if (p > _groupBest[g])
                {
                    _groupBest[g] = p;
                    _groupBestClass[g] = c;
                }
            }

            var bestGroup = 0;
            for (var g = 1; g < _groupScore.Length; g++)
            {
                if (_groupScore[g] > _groupScore[bestGroup])
                {
                    bestGroup = g;
                }
            }

            var label = _groupBestClass[bestGroup];
            var score = MathF.Min(1f, _groupScore[bestGroup]);
            if (!(score > (threshold ?? _classThresholds[label])))
            {
                continue;
            }

            var box = boxes.Slice(a * 4, 4);
            float x1, y1, x2, y2;
            if (center)
            {
                x1 = box[0] - box[2] / 2;
                y1 = box[1] - box[3] / 2;
                x2 = box[0] + box[2] / 2;
                y2 = box[1] + box[3] / 2;
            }
            else
            {
                x1 = MathF.Min(box[0], box[2]);
                y1 = MathF.Min(box[1], box[3]);
                x2 = MathF.Max(box[0], box[2]);
                y2 = MathF.Max(box[1], box[3]);
            }

            if (!(float.IsFinite(x1) && float.IsFinite(y1) && float.IsFinite(x2) && float.IsFinite(y2)))
            {
                continue;
            }

            _candidates[count++] = new Candidate(x1, y1, x2, y2, score, label);
        }

        return count;
    }

    private Detection? ToFrame(in Candidate candidate, Letterbox letterbox)
    {
        var x1 = letterbox.ToFrameX(candidate.X1);
        var y1 = letterbox.ToFrameY(candidate.Y1);
        var x2 = letterbox.ToFrameX(candidate.X2);
        var y2 = letterbox.ToFrameY(candidate.Y2);
        if (x2 - x1 <= 0 || y2 - y1 <= 0)
        {
            // Entirely inside the padding: nothing of the frame is in it.
            return null;
        }

        return new Detection(_card.Labels[candidate.Label], candidate.Score, new BoundingBox(x1, y1, x2 - x1, y2 - y1))
        {
            ClassId = candidate.Label,
        };
    }

    internal static float IntersectionOverUnion(in Candidate a, in Candidate b) =>
        Overlap.IntersectionOverUnion(a.X1, a.Y1, a.X2, a.Y2, b.X1, b.Y1, b.X2, b.Y2);

    internal readonly record struct Candidate(float X1, float Y1, float X2, float Y2, float Score, int Label);

    private readonly struct ByScoreDescending : IComparer<Candidate>
    {
        public int Compare(Candidate x, Candidate y) => y.Score.CompareTo(x.Score);
    }
}
