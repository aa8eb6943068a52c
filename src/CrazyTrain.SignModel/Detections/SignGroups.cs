using CrazyTrain.Signs;

namespace CrazyTrain.SignModel.Detections;

/// <summary>
/// Which of a model's classes are readings of one kind of sign and so share one score (see
/// <see cref="DetectionDecoder"/>): the sign catalogue's speed caps are one round sign whose number the model
/// reads. Every other class, and any label the catalogue does not know, is a group of its own.
/// </summary>
internal static class SignGroups
{
    /// <summary>A group number per class, in class order; 0..groups-1.</summary>
    public static int[] Of(IReadOnlyList<string> labels)
    {
        var groups = new int[labels.Count];
        var next = 0;
        int? speedCaps = null;
        for (var c = 0; c < labels.Count; c++)
        {
            if (SignCatalogue.Find(labels[c])?.Rule == SignRule.SpeedCap)
            {
                speedCaps ??= next++;
                groups[c] = speedCaps.Value;
            }
            else
            {
                groups[c] = next++;
            }
        }

        return groups;
    }
}
