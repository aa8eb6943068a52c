using CrazyTrain.Deploy.Planning;
using CrazyTrain.Deploy.Tests.Support;

namespace CrazyTrain.Deploy.Tests.Rendered;

/// <summary>What holds in every overlay: probes, limits, pinned images, one namespace.</summary>
public sealed class EveryOverlayTests(RenderedOverlays overlays) : IClassFixture<RenderedOverlays>
{
    public static TheoryData<string> Overlays => new(RenderedOverlays.Names);

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_container_has_liveness_readiness_and_startup_probes(string overlay)
    {
        var containers = overlays[overlay].Containers.ToList();
        Assert.NotEmpty(containers);
        foreach (var (workload, container) in containers)
        {
            Assert.True(container.TryPath("livenessProbe") is not null, $"{overlay}/{workload} has no liveness probe");
            Assert.True(container.TryPath("readinessProbe") is not null, $"{overlay}/{workload} has no readiness probe");
            Assert.True(container.TryPath("startupProbe") is not null, $"{overlay}/{workload} has no startup probe");
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Services_are_probed_on_alive_for_liveness_and_health_for_readiness(string overlay)
    {
        var services = overlays[overlay].Containers.Where(pair => pair.Workload != "kafka").ToList();
        Assert.Contains(services, pair => pair.Workload == "capture");
        foreach (var (workload, container) in services)
        {
            Assert.True(container.Path("livenessProbe", "httpGet").Text("path") == "/alive", $"{overlay}/{workload}: liveness is not /alive");
            Assert.True(container.Path("readinessProbe", "httpGet").Text("path") == "/health", $"{overlay}/{workload}: readiness is not /health");
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_container_requests_and_limits_cpu_and_memory(string overlay)
    {
        foreach (var (workload, container) in overlays[overlay].Containers)
        {
            foreach (var bound in new[] { "requests", "limits" })
            {
                var values = container.TryPath("resources", bound);
                Assert.True(values?.Text("cpu") is { Length: > 0 }, $"{overlay}/{workload} has no cpu {bound}");
                Assert.True(values?.Text("memory") is { Length: > 0 }, $"{overlay}/{workload} has no memory {bound}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_image_is_pinned_to_a_tag_or_digest_and_never_latest(string overlay)
    {
        foreach (var (workload, container) in overlays[overlay].Containers)
        {
            var image = container.Text("image") ?? "";
            Assert.True(ImageSettings.IsPinned(image), $"{overlay}/{workload} runs '{image}', which is not pinned");
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_namespaced_object_lives_in_the_crazytrain_namespace(string overlay)
    {
        string[] clusterScoped = ["Namespace", "SecurityContextConstraints", "RuntimeClass"];
        foreach (var item in overlays[overlay].All.Where(item => !clusterScoped.Contains(item.Text("kind"))))
        {
            Assert.Equal("crazytrain", item.Path("metadata").Text("namespace"));
        }

        foreach (var item in overlays[overlay].All.Where(item => clusterScoped.Contains(item.Text("kind"))))
        {
            Assert.Null(item.Path("metadata").Text("namespace"));
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_ConfigMap_a_pod_reads_is_rendered(string overlay)
    {
        var rendered = overlays[overlay];
        foreach (var (workload, container) in rendered.Containers)
        {
            foreach (var source in container.Items("envFrom"))
            {
                var name = source.Path("configMapRef").Text("name")!;
                Assert.True(rendered.Has("ConfigMap", name), $"{overlay}/{workload} reads ConfigMap {name}, which is not rendered");
            }
        }
    }

    /// <summary>
    /// Every .NET container (the services, and the hub guard beside the controller) starts with glibc's malloc arenas
    /// capped at 2 in its environment, read before its first thread: the soak's native growth (docs/performance.md).
    /// </summary>
    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_dotnet_container_starts_with_the_malloc_arena_cap(string overlay)
    {
        var rendered = overlays[overlay];
        var services = rendered.Workloads.Where(workload => workload.Path("metadata").Text("name") != "kafka")
            .SelectMany(workload =>
            {
                var pod = workload.Path("spec", "template", "spec");
                return pod.Items("containers").Concat(pod.Items("initContainers")).Select(container => (Workload: workload.Path("metadata").Text("name"), Container: container));
            })
            .ToList();
        Assert.True(services.Count >= 4, $"{overlay} renders {services.Count} .NET containers");
        if (overlay != "simulation")
        {
            // The edge overlays hold the real hub, so the guard's sidecar is there and must be checked too.
            Assert.Contains(services, pair => pair.Container.Text("name") == "hub-guard");
        }

        foreach (var (workload, container) in services)
        {
            var direct = container.Items("env").Where(variable => variable.Text("name") == "MALLOC_ARENA_MAX").Select(variable => variable.Text("value"));
            var fromMaps = container.Items("envFrom")
                .Select(source => rendered.Single("ConfigMap", source.Path("configMapRef").Text("name")!))
                .Select(map => map.TryPath("data")?.Text("MALLOC_ARENA_MAX"))
                .Where(value => value is not null);
            Assert.True(
                direct.Concat(fromMaps).ToList() is ["1"],
                $"{overlay}/{workload}/{container.Text("name")} does not start with MALLOC_ARENA_MAX=1 (exactly once, in env or a ConfigMap it reads)");
        }
    }
}
