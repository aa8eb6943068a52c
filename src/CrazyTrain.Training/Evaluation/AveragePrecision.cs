namespace CrazyTrain.Training.Evaluation;

/// <summary>One ranked detection of a class: its score and whether it matched an unclaimed ground-truth box.</summary>
public readonly record struct RankedDetection(double Score, bool TruePositive);

/// <summary>
/// Average precision with all-point interpolation (PASCAL VOC 2010+, COCO's per-IoU definition without the 101
/// recall samples): the area under the precision-recall curve after making precision monotonically decreasing.
/// </summary>
public static class AveragePrecision
{
    /// <returns>AP in [0,1]; NaN when there are no ground-truth boxes (the class is absent and is left out of mAP).</returns>
    public static double Compute(IEnumerable<RankedDetection> detections, int groundTruthCount)
    {
        if (groundTruthCount <= 0)
        {
            return double.NaN;
        }

        // Stable order: ties keep input order, so equal scores rank deterministically.
        var ranked = detections.Select((d, i) => (d, i)).OrderByDescending(t => t.d.Score).ThenBy(t => t.i).Select(t => t.d).ToList();
        var recall = new List<double> { 0 };
        var precision = new List<double> { 1 };
        var tp = 0;
        var fp = 0;
        foreach (var detection in ranked)
        {
            if (detection.TruePositive)
            {
                tp++;
            }
            else
            {
                fp++;
            }

            recall.Add((double)tp / groundTruthCount);
            precision.Add((double)tp / (tp + fp));
        }

        for (var i = precision.Count - 2; i >= 0; i--)
        {
            precision[i] = Math.Max(precision[i], precision[i + 1]);
        }

        var ap = 0.0;
        for (var i = 1; i < recall.Count; i++)
        {
            ap += (recall[i] - recall[i - 1]) * precision[i];
        }

        return ap;
    }
}
