using CrazyTrain.Deploy.Planning;
using CrazyTrain.Deploy.Yaml;
using YamlDotNet.RepresentationModel;

namespace CrazyTrain.Deploy.Generation;

/// <summary>
/// Settings an overlay states itself, merged into the generated ConfigMaps: <c>CrazyTrain:Mode</c> (which the
/// AppHost gives every service) and where capture's frames come from. The AppHost leaves the source to the
/// deployment when publishing, so each overlay means the same whatever mode the manifest was published in.
/// </summary>
internal static class OverlaySettings
{
    public const string Variable = "CrazyTrain__Mode";
    public const string Simulation = "Simulation";
    public const string Hardware = "Hardware";

    /// <summary>The stop-sign sample video, inside the capture image's application folder (/app).</summary>
    public const string SampleVideo = "/app/samples/stop-sign.mp4";

    private static readonly Dictionary<(string Mode, string Resource), string[]> SourcesByMode = new()
    {
        [(Simulation, "capture")] = ["Capture__Kind=File", $"Capture__Source={SampleVideo}"],
        [(Hardware, "capture")] = ["Capture__Kind=Camera", $"Capture__Source={EdgeProfile.CameraDevice}"],
    };

    public static YamlNode? Merge(DeploymentPlan plan, string mode)
    {
        var merges = plan.Workloads
            .Where(workload => workload.Settings.Any(setting => setting.Key == Variable))
            .Select(workload => Y.Map(
                ("name", Y.Str(workload.ConfigMapName)),
                ("namespace", Y.Str(Cluster.Namespace)),
                ("behavior", Y.Str("merge")),
                ("literals", Y.Strings([$"{Variable}={mode}", .. SourcesByMode.GetValueOrDefault((mode, workload.Name), [])]))))
            .ToList();
        return merges.Count > 0 ? Y.Seq(merges) : null;
    }
}
