namespace CrazyTrain.Simulation.Dataset;

/// <summary>What a dataset render produced.</summary>
public sealed record DatasetRenderSummary(
    string OutputDirectory,
    int Count,
    long Seed,
    IReadOnlyList<string> Styles,
    string ContentHash,
    IReadOnlyDictionary<string, int> LabelledObjects,
    int DistractorObjects,
    int ImagesWithoutTargets,
    TimeSpan Elapsed)
{
    public double ImagesPerSecond => Elapsed.TotalSeconds > 0 ? Count / Elapsed.TotalSeconds : 0;
}
