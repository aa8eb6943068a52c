using CrazyTrain.Deploy.Planning;
using CrazyTrain.Deploy.Yaml;
using YamlDotNet.RepresentationModel;

namespace CrazyTrain.Deploy.Generation;

/// <summary>
/// <c>CrazyTrain:Mode</c>, which the AppHost gives every service. Each overlay states its mode itself, so an
/// overlay means the same whatever mode the manifest happened to be published in.
/// </summary>
internal static class ModeSetting
{
    public const string Variable = "CrazyTrain__Mode";
    public const string Simulation = "Simulation";
    public const string Hardware = "Hardware";

    public static YamlNode? Merge(DeploymentPlan plan, string mode)
    {
        var merges = plan.Workloads
            .Where(workload => workload.Settings.Any(setting => setting.Key == Variable))
            .Select(workload => Y.Map(
                ("name", Y.Str(workload.ConfigMapName)),
                ("namespace", Y.Str(Cluster.Namespace)),
                ("behavior", Y.Str("merge")),
                ("literals", Y.Strings([$"{Variable}={mode}"]))))
            .ToList();
        return merges.Count > 0 ? Y.Seq(merges) : null;
    }
}
