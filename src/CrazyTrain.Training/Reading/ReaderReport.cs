using CrazyTrain.Training.Model;

namespace CrazyTrain.Training.Reading;

/// <summary>
/// How a reader reads labelled signs cut at their exact boxes: <see cref="Confusion"/>[truth][reading] over
/// <see cref="SpeedLimitReader.Readings"/> (other, 30, 50), "other" being every other target and distractor sign.
/// </summary>
public sealed record ReaderReport
{
    public required string Folder { get; init; }

    public required IReadOnlyList<IReadOnlyList<int>> Confusion { get; init; }

    /// <summary>Share of each reading's signs read right (other, 30, 50).</summary>
    public IReadOnlyList<double> Recall => Confusion.Select((row, truth) => row.Sum() == 0 ? double.NaN : (double)row[truth] / row.Sum()).ToArray();

    /// <summary>30s read as 50 and 50s read as 30, over all 30s and 50s.</summary>
    public double SpeedLimitSwaps
    {
        get
        {
            var speedLimits = Confusion[1].Sum() + Confusion[2].Sum();
            return speedLimits == 0 ? double.NaN : (double)(Confusion[1][2] + Confusion[2][1]) / speedLimits;
        }
    }
}
