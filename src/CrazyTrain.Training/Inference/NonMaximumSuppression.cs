namespace CrazyTrain.Training.Inference;

/// <summary>Greedy NMS, per class unless class-agnostic, as the contract's <c>nms</c> block asks.</summary>
public static class NonMaximumSuppression
{
    public static List<Detection> Apply(IEnumerable<Detection> candidates, double iouThreshold, bool classAgnostic, int maxDetections)
    {
        var kept = new List<Detection>();
        foreach (var candidate in candidates.OrderByDescending(d => d.Score))
        {
            if (kept.Count >= maxDetections)
            {
                break;
            }

            var suppressed = kept.Any(k => (classAgnostic || k.ClassId == candidate.ClassId) && Iou(k, candidate) > iouThreshold);
            if (!suppressed)
            {
                kept.Add(candidate);
            }
        }

        return kept;
    }

    public static double Iou(Detection a, Detection b) => Iou(a.X1, a.Y1, a.X2, a.Y2, b.X1, b.Y1, b.X2, b.Y2);

    public static double Iou(double ax1, double ay1, double ax2, double ay2, double bx1, double by1, double bx2, double by2)
    {
        var iw = Math.Min(ax2, bx2) - Math.Max(ax1, bx1);
        var ih = Math.Min(ay2, by2) - Math.Max(ay1, by1);
        if (iw <= 0 || ih <= 0)
        {
            return 0;
        }

        var intersection = iw * ih;
        var union = ((ax2 - ax1) * (ay2 - ay1)) + ((bx2 - bx1) * (by2 - by1)) - intersection;
        return union <= 0 ? 0 : intersection / union;
    }
}
