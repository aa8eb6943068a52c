using CrazyTrain.Simulation.Dataset;
using CrazyTrain.Simulation.Scenes;

namespace CrazyTrain.Training.Factory;

/// <summary>The renderer (CrazyTrain.Simulation) as the model factory's data source.</summary>
internal static class SimulationDatasets
{
    public static IReadOnlyList<string> TrainingStyles => SceneStyles.TrainingNames;

    public static IReadOnlyList<string> HeldOutStyles => SceneStyles.HeldOutNames;

    public static IReadOnlyList<string> RealLikeStyles => SceneStyles.RealLikeNames;

    public static void Render(DatasetRequest request, IProgress<int> progress, CancellationToken cancellation)
    {
        var reported = 0;
        var gate = new Lock();
        DatasetRenderer.Render(
            new DatasetRenderOptions
            {
                OutputDirectory = request.Folder,
                Count = request.Count,
                Seed = request.Seed,
                Styles = request.Styles,
                Overwrite = true,
            },
            new Progress<int>(done =>
            {
                // The renderer reports how many frames are done so far (possibly out of order); the bars take increments.
                lock (gate)
                {
                    if (done > reported)
                    {
                        progress.Report(done - reported);
                        reported = done;
                    }
                }
            }),
            cancellation);
    }
}
