namespace CrazyTrain.AppHost;

/// <summary>
/// Where the controller keeps its emergency-stop latch (<c>CrazyTrain:Controller:StateFolder</c>). Running
/// locally: <c>CrazyTrain:StateFolder</c> of the AppHost, by default a folder in the user's local application
/// data, so a controller restarted by the dashboard, or the next run, comes back stopped. Published: a path in the
/// container that the overlays must back with a volume (docs/safety.md).
/// </summary>
public static class ControllerStateHosting
{
    public const string Setting = "CrazyTrain:StateFolder";

    public const string PublishedFolder = "/var/lib/crazytrain/controller";

    public static IResourceBuilder<ProjectResource> WithStateFolder(this IResourceBuilder<ProjectResource> controller)
    {
        var builder = controller.ApplicationBuilder;
        var folder = builder.ExecutionContext.IsRunMode
            ? Path.Combine(
                builder.Configuration[Setting] is { Length: > 0 } configured
                    ? Path.GetFullPath(configured)
                    : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "CrazyTrain", "state"),
                "controller")
            : PublishedFolder;
        return controller.WithEnvironment("CrazyTrain__Controller__StateFolder", folder);
    }
}
