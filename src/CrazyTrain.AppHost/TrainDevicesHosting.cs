using CrazyTrain.AppHost.Health;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace CrazyTrain.AppHost;

/// <summary>Which camera and which hub the services use, per <see cref="TrainMode"/>: in Simulation both come from the twin.</summary>
public static class TrainDevicesHosting
{
    /// <summary>The video capture plays in Simulation mode with <see cref="SimulationCameraSetting"/> <c>sample-video</c> (the twin films by default).</summary>
    public const string SimulationVideo = "samples/stop-sign.mp4";

    /// <summary>Which stand-in camera Simulation uses: the twin's rendered stream (default) or the looping sample video.</summary>
    public const string SimulationCameraSetting = "CrazyTrain:SimulationCamera";

    /// <summary>
    /// Simulation: the twin's virtual camera (MJPEG over HTTP, rendered from the train's pose), or with
    /// <c>CrazyTrain:SimulationCamera=sample-video</c> the stop-sign sample video from the repository, as an absolute
    /// path so it does not depend on the service's working folder. Hardware: capture's own default, the camera at
    /// <c>/dev/video0</c>. Published deployments choose their source in the overlays.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithCamera(this IResourceBuilder<ProjectResource> capture, TrainMode mode, IResourceBuilder<ProjectResource>? twin)
    {
        var builder = capture.ApplicationBuilder;
        if (mode != TrainMode.Simulation || !builder.ExecutionContext.IsRunMode)
        {
            return capture;
        }

        var camera = builder.Configuration[SimulationCameraSetting] ?? "twin";
        switch (camera.ToLowerInvariant())
        {
            case "twin" when twin is not null:
                return capture
                    .WithEnvironment("Capture__Source", ReferenceExpression.Create($"{twin.GetEndpoint("http")}/camera.mjpg"))
                    .WaitFor(twin);
            case "sample-video":
                var repositoryRoot = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", ".."));
                return capture.WithEnvironment("Capture__Source", Path.Combine(repositoryRoot, SimulationVideo));
            default:
                throw new DistributedApplicationException($"{SimulationCameraSetting} is '{camera}'; expected twin or sample-video.");
        }
    }

    /// <summary>
    /// The digital twin, in Simulation when running: its virtual City hub listens on the <c>hub</c> TCP endpoint
    /// (LWP3 over TCP, docs/twin.md). The AppHost's <c>CrazyTrain:Twin:*</c> settings (layout, signs, camera) pass
    /// through to it. Null in Hardware mode and when publishing: the edge has the real train.
    /// </summary>
    public static IResourceBuilder<ProjectResource>? AddTwin(this IDistributedApplicationBuilder builder, TrainMode mode)
    {
        if (mode != TrainMode.Simulation || !builder.ExecutionContext.IsRunMode)
        {
            return null;
        }

        var twin = builder.AddProject<Projects.CrazyTrain_Twin>("twin")
            .WithTrainMode(mode)
            .WithEndpoint(name: TwinHubEndpoint, scheme: "tcp", env: "CrazyTrain__Twin__HubPort")
            .WithServiceHealthCheck();
        foreach (var (key, value) in builder.Configuration.GetSection("CrazyTrain:Twin").AsEnumerable())
        {
            if (value is not null && !key.EndsWith(":HubPort", StringComparison.OrdinalIgnoreCase))
            {
                twin.WithEnvironment(key.Replace(":", "__", StringComparison.Ordinal), value);
            }
        }

        return twin;
    }

    /// <summary>The controller drives the twin's hub when there is a twin; otherwise its mode's own hub (BlueZ in Hardware).</summary>
    public static IResourceBuilder<ProjectResource> WithHub(this IResourceBuilder<ProjectResource> controller, IResourceBuilder<ProjectResource>? twin) =>
        twin is null
            ? controller
            : controller
                .WithEnvironment("CrazyTrain__TwinHub__Endpoint", twin.GetEndpoint(TwinHubEndpoint))
                .WaitFor(twin);

    public const string TwinHubEndpoint = "hub";
}
