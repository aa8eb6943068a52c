using CrazyTrain.Deploy.Tests.Support;

namespace CrazyTrain.Deploy.Tests.Rendered;

/// <summary>The workshop's test cluster: stand-ins only, so nothing privileged, no host paths, any architecture.</summary>
public sealed class SimulationOverlayTests(RenderedOverlays overlays) : IClassFixture<RenderedOverlays>
{
    private KubeObjects Simulation => overlays["simulation"];

    [Fact]
    public void Nothing_is_privileged_or_escalates_and_every_pod_runs_as_non_root()
    {
        Assert.NotEmpty(Simulation.Workloads);
        foreach (var workload in Simulation.Workloads)
        {
            var pod = workload.Path("spec", "template", "spec");
            Assert.Equal("true", pod.Path("securityContext").Text("runAsNonRoot"));
            foreach (var container in pod.Items("containers"))
            {
                Assert.Equal("false", container.Path("securityContext").Text("allowPrivilegeEscalation"));
                Assert.Null(container.Path("securityContext").Text("privileged"));
                Assert.Equal(["ALL"], container.Path("securityContext", "capabilities").Strings("drop"));
            }
        }
    }

    [Fact]
    public void No_host_path_no_GPU_no_architecture_and_no_SCC()
    {
        var everything = Simulation.All.SelectMany(item => item.Descendants()).ToList();

        Assert.DoesNotContain(everything, node => node.TryPath("hostPath") is not null);
        Assert.DoesNotContain(everything, node => node.Text("runtimeClassName") is not null);
        Assert.DoesNotContain(everything, node => node.TryPath("nodeSelector") is not null);
        Assert.DoesNotContain(everything, node => node.Text("nvidia.com/gpu") is not null);
        Assert.Empty(Simulation.OfKind("SecurityContextConstraints"));
        Assert.Null(Simulation.Single("Namespace", "crazytrain").Path("metadata", "labels").Text("pod-security.kubernetes.io/enforce"));
    }

    [Fact]
    public void Services_run_with_the_stand_ins()
    {
        var modes = Simulation.OfKind("ConfigMap")
            .Where(map => map.Path("data").Text("CrazyTrain__Mode") is not null)
            .Select(map => map.Path("data").Text("CrazyTrain__Mode"))
            .ToList();

        Assert.Equal(4, modes.Count);
        Assert.All(modes, mode => Assert.Equal("Simulation", mode));
    }

    [Fact]
    public void Capture_plays_the_sample_video_from_its_image()
    {
        var settings = Assert.Single(Simulation.OfKind("ConfigMap"), map => map.Path("metadata").Text("name")!.StartsWith("capture-env-", StringComparison.Ordinal));

        Assert.Equal("File", settings.Path("data").Text("Capture__Kind"));
        Assert.Equal("/app/samples/stop-sign.mp4", settings.Path("data").Text("Capture__Source"));
    }

    [Fact]
    public void Kafka_runs_as_its_images_user_under_an_account_allowed_only_nonroot_v2()
    {
        var pod = Simulation.Single("StatefulSet", "kafka").Path("spec", "template", "spec");
        Assert.Equal("1000", pod.Path("securityContext").Text("runAsUser"));
        Assert.Equal("1000", pod.Path("securityContext").Text("fsGroup"));
        Assert.Equal("true", pod.Path("securityContext").Text("runAsNonRoot"));
        Assert.Equal("kafka", pod.Text("serviceAccountName"));

        var rule = Assert.Single(Simulation.Single("Role", "use-nonroot-v2-scc-kafka").Items("rules"));
        Assert.Equal(["nonroot-v2"], rule.Strings("resourceNames"));
        Assert.Equal(["use"], rule.Strings("verbs"));
        var subject = Assert.Single(Simulation.Single("RoleBinding", "use-nonroot-v2-scc-kafka").Items("subjects"));
        Assert.Equal("kafka", subject.Text("name"));
    }

    [Fact]
    public void Inference_runs_the_portable_image_not_the_JetPack_one()
    {
        var inference = Simulation.Containers.Single(pair => pair.Workload == "inference").Container;

        Assert.Equal("quay.io/crazytrain/inference:0.1.0", inference.Text("image"));
    }
}
