namespace CrazyTrain.Training.Reading;

/// <summary>
/// How a reader reads labelled signs cut at their exact boxes: <see cref="Confusion"/>[truth][reading] over its
/// readings (other, then the target labels), "other" being the distractor signs.
/// </summary>
public sealed record ReaderReport
{
    public required string Folder { get; init; }

    public required IReadOnlyList<string> Readings { get; init; }

    public required IReadOnlyList<IReadOnlyList<int>> Confusion { get; init; }

    /// <summary>Share of each reading's signs read right.</summary>
    public IReadOnlyList<double> Recall => Confusion.Select((row, truth) => row.Sum() == 0 ? double.NaN : (double)row[truth] / row.Sum()).ToArray();

    /// <summary>Target signs read as another target class, over all target signs.</summary>
    public double Swaps
    {
        get
        {
            var targets = Confusion.Skip(1).Sum(row => row.Sum());
            var swapped = Confusion.Select((row, truth) => truth == 0 ? 0 : row.Where((_, read) => read != 0 && read != truth).Sum()).Sum();
            return targets == 0 ? double.NaN : (double)swapped / targets;
        }
    }
}
