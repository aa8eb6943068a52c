using CrazyTrain.SignModel.Imaging;
using CrazyTrain.SignModel.Metadata;
using CrazyTrain.SignModel.Runtime;

namespace CrazyTrain.SignModel.Detections;

/// <summary>
/// Turns the model's <c>boxes</c> <c>[1, A, 4]</c> and <c>scores</c> <c>[1, A, C]</c> into detections:
/// best class per candidate, threshold, non-maximum suppression (per class unless class-agnostic), at most
/// <c>maxDetections</c>, boxes mapped back to frame pixels. Working arrays are allocated once per model.
/// </summary>
public sealed class DetectionDecoder
{
    private readonly ModelCard _card;
    private readonly Candidate[] _candidates;
    private readonly bool[] _suppressed;
    private readonly int _classes;

    public DetectionDecoder(ModelCard card, int anchors)
    {
        _card = card;
        _classes = card.Labels.Count;
        _candidates = new Candidate[anchors];
        _suppressed = new bool[anchors];
    }

    public IReadOnlyList<Detection> Decode(
        ReadOnlySpan<float> boxes, ReadOnlySpan<float> scores, Letterbox letterbox, float threshold)
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
                    && (nms.ClassAgnostic || candidates[j].Label == best.Label)
                    && IntersectionOverUnion(best, candidates[j]) > nms.IouThreshold)
                {
                    suppressed[j] = true;
                }
            }
        }

        return kept;
    }

    private int Collect(ReadOnlySpan<float> boxes, ReadOnlySpan<float> scores, float threshold)
    {
        var sigmoid = _card.Output.ScoreActivation == ScoreActivation.Sigmoid;
        var center = _card.Output.BoxFormat == BoxFormat.Cxcywh;
        var count = 0;
        for (var a = 0; a < _candidates.Length; a++)
        {
            var row = scores.Slice(a * _classes, _classes);
            var label = 0;
            var raw = row[0];
            for (var c = 1; c < row.Length; c++)
            {
                if (row[c] > raw)
                {
                    raw = row[c];
                    label = c;
                }
            }

            // Sigmoid is monotonic, so the best logit is the best probability.
            var score = sigmoid ? 1f / (1f + MathF.Exp(-raw)) : raw;
            if (!(score > threshold))
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
