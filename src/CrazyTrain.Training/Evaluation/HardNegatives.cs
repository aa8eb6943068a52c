using CrazyTrain.Training.Data;

namespace CrazyTrain.Training.Evaluation;

/// <summary>
/// A model's confident mistakes on labelled frames, as boxes to teach the sign reader "no target sign here": the
/// posters with a red ring, the patterned fabric and the plates that it takes for signs. Only detections well away from
/// every target, labelled or not (a crop half on a real sign must not be taught as "other"), count.
/// </summary>
public static class HardNegatives
{
    /// <summary>Detections from this score up: the operating thresholds lie at 0.3-0.4, and near misses teach as much.</summary>
    public const double MinConfidence = 0.2;

    /// <summary>Each hard negative as (index into <paramref name="images"/>, box in frame pixels).</summary>
    public static IReadOnlyList<(int Image, LabelledBox Box)> Find(IReadOnlyList<ImageResult> images, double minConfidence = MinConfidence)
    {
        var found = new List<(int, LabelledBox)>();
        for (var i = 0; i < images.Count; i++)
        {
            var image = images[i];
            foreach (var detection in image.Detections.Where(d => d.Confidence >= minConfidence))
            {
                var box = new LabelledBox(-1, detection.Box.X, detection.Box.Y, detection.Box.Right, detection.Box.Bottom);
                if (!image.Truth.Concat(image.Ignored).Any(t => Near(box, t)))
                {
                    found.Add((i, box));
                }
            }
        }

        return found;
    }

    /// <summary>Any overlap at all: the reader's crop grows the box by a quarter, so even a corner of a sign would be in it.</summary>
    private static bool Near(LabelledBox a, LabelledBox target) =>
        a.X1 < target.X2 && a.X2 > target.X1 && a.Y1 < target.Y2 && a.Y2 > target.Y1;
}
