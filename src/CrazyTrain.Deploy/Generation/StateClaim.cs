using CrazyTrain.Deploy.Planning;

namespace CrazyTrain.Deploy.Generation;

/// <summary>
/// A folder whose content must outlive the pod: the controller's state folder holds the emergency-stop latch and the
/// orders journal, so a restarted or rescheduled controller comes back stopped and still delivers its orders
/// (docs/safety.md). The folder is the one the AppHost publishes in the workload's setting; the claim is mounted there.
/// </summary>
internal sealed record StateClaim(string Name, string MountPath)
{
    /// <summary>The smallest volume LVMS hands out; the latch and the journal need kilobytes.</summary>
    public const string Size = "1Gi";

    private static readonly Dictionary<string, string> FolderSettingByWorkload = new(StringComparer.Ordinal)
    {
        ["controller"] = "CrazyTrain__Controller__StateFolder",
    };

    public static StateClaim? For(Workload workload) =>
        FolderSettingByWorkload.TryGetValue(workload.Name, out var setting)
        && workload.Settings.FirstOrDefault(pair => pair.Key == setting).Value is { Length: > 0 } folder
            ? new StateClaim($"{workload.Name}-state", folder)
            : null;
}
