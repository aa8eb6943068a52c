using Microsoft.Extensions.Hosting;

namespace CrazyTrain.AppHost;

/// <summary>Which camera and which hub the services use, per <see cref="TrainMode"/>.</summary>
public static class TrainDevicesHosting
{
    /// <summary>The video capture plays in Simulation mode when the AppHost runs on a developer machine.</summary>
    public const string SimulationVideo = "samples/stop-sign.mp4";

    /// <summary>
    /// Simulation: the stop-sign sample video from the repository, as an absolute path so it does not depend on
    /// the service's working folder. Hardware: capture's own default, the camera at <c>/dev/video0</c>.
    /// Published deployments choose their source in the overlays.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithCamera(this IResourceBuilder<ProjectResource> capture, TrainMode mode)
    {
        var builder = capture.ApplicationBuilder;
        if (mode == TrainMode.Simulation && builder.ExecutionContext.IsRunMode)
        {
            var repositoryRoot = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", ".."));
            capture.WithEnvironment("Capture__Source", Path.Combine(repositoryRoot, SimulationVideo));
        }

        return capture;
    }
}
