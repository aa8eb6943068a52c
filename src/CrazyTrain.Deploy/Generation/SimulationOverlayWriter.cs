using CrazyTrain.Deploy.Planning;
using CrazyTrain.Deploy.Yaml;

namespace CrazyTrain.Deploy.Generation;

/// <summary>
/// <c>overlays/simulation</c>: the workshop's test cluster. The stand-ins (sample video, virtual hub) need no
/// device, so the base's restricted pods run unchanged on any architecture; only the mode is stated.
/// </summary>
internal static class SimulationOverlayWriter
{
    public const string Folder = "overlays/simulation";

    public static IEnumerable<GeneratedFile> Write(DeploymentPlan plan, string header)
    {
        yield return new GeneratedFile($"{Folder}/kustomization.yaml", YamlFile.Write(header, [Cluster.Kustomization(
            ("resources", Y.Strings(["../../base"])),
            ("configMapGenerator", OverlaySettings.Merge(plan, OverlaySettings.Simulation)))]));
    }
}
