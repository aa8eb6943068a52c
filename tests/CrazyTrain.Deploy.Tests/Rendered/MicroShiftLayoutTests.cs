using CrazyTrain.Deploy.Tests.Support;

namespace CrazyTrain.Deploy.Tests.Rendered;

/// <summary>
/// docs/deploy.md installs the tree under /etc/microshift/crazytrain and points a manifests.d entry at an overlay;
/// that entry must render the same objects as the overlay itself (Kustomize loads bases outside its root).
/// </summary>
public sealed class MicroShiftLayoutTests
{
    [Fact]
    public async Task A_manifests_d_entry_pointing_at_the_installed_edge_overlay_renders_the_edge()
    {
        using var tree = await InstalledTree.MakeAsync();
        using var etc = new TempFolder();
        Directory.Move(tree.Root, etc["crazytrain"]);
        Directory.CreateDirectory(etc["manifests.d/crazytrain"]);
        File.WriteAllText(etc["manifests.d/crazytrain/kustomization.yaml"], """
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            resources:
              - ../../crazytrain/overlays/edge
            """);

        var installed = await Kubectl.KustomizeAsync(etc["manifests.d/crazytrain"]);
        var direct = await Kubectl.KustomizeAsync(etc["crazytrain/overlays/edge"]);

        Assert.Equal(direct, installed);
    }

    [Fact]
    public async Task The_base_renders_on_its_own_with_one_ConfigMap_per_resource()
    {
        using var tree = await InstalledTree.MakeAsync();
        var rendered = KubeObjects.Parse(await Kubectl.KustomizeAsync(tree["base"]));

        Assert.Equal(["capture", "console", "controller", "inference", "kafka"],
            rendered.Workloads.Select(workload => workload.Path("metadata").Text("name")!).Order(StringComparer.Ordinal));
        Assert.Equal(5, rendered.OfKind("ConfigMap").Count());
        Assert.Equal(5, rendered.OfKind("Service").Count());
    }
}
