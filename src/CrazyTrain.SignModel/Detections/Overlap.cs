using System.Numerics;

namespace CrazyTrain.SignModel.Detections;

/// <summary>Intersection over union of two xyxy boxes: NMS in the decoder and matching in the evaluator use this one.</summary>
public static class Overlap
{
    public static T IntersectionOverUnion<T>(T ax1, T ay1, T ax2, T ay2, T bx1, T by1, T bx2, T by2)
        where T : IFloatingPointIeee754<T>
    {
        var width = T.Min(ax2, bx2) - T.Max(ax1, bx1);
        var height = T.Min(ay2, by2) - T.Max(ay1, by1);
        if (width <= T.Zero || height <= T.Zero)
        {
            return T.Zero;
        }

        var intersection = width * height;
        var union = (ax2 - ax1) * (ay2 - ay1) + (bx2 - bx1) * (by2 - by1) - intersection;
        return union > T.Zero ? intersection / union : T.Zero;
    }
}
