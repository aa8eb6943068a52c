using CrazyTrain.Deploy.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace CrazyTrain.Deploy.Tests.Rendered;

/// <summary>The Jetson: camera, Bluetooth through D-Bus, GPU, arm64, LVMS storage and the SCC plumbing.</summary>
public sealed class EdgeOverlayTests(RenderedOverlays overlays) : IClassFixture<RenderedOverlays>
{
    private KubeObjects Edge => overlays["edge"];

    private YamlMappingNode PodSpec(string kind, string name) => Edge.Single(kind, name).Path("spec", "template", "spec");

    private YamlMappingNode Container(string kind, string name) => Assert.Single(PodSpec(kind, name).Items("containers"), container => container.Text("name") == name);

    [Fact]
    public void Capture_mounts_the_host_camera_as_a_character_device_privileged()
    {
        var pod = PodSpec("Deployment", "capture");
        var camera = Assert.Single(pod.Items("volumes"), volume => volume.TryPath("hostPath") is not null);
        Assert.Equal("/dev/video0", camera.Path("hostPath").Text("path"));
        Assert.Equal("CharDevice", camera.Path("hostPath").Text("type"));

        var container = Container("Deployment", "capture");
        Assert.Contains(container.Items("volumeMounts"), mount => mount.Text("name") == camera.Text("name") && mount.Text("mountPath") == "/dev/video0");
        Assert.Equal("true", container.Path("securityContext").Text("privileged"));
        Assert.Equal("crazytrain-edge", pod.Text("serviceAccountName"));
        Assert.Equal("Recreate", Edge.Single("Deployment", "capture").Path("spec", "strategy").Text("type"));
    }

    [Fact]
    public void Controller_reaches_BlueZ_through_the_hosts_dbus_socket()
    {
        var pod = PodSpec("Deployment", "controller");
        var dbus = Assert.Single(pod.Items("volumes"), volume => volume.TryPath("hostPath") is not null);
        Assert.Equal("/run/dbus", dbus.Path("hostPath").Text("path"));

        var container = Container("Deployment", "controller");
        Assert.Contains(container.Items("volumeMounts"), mount => mount.Text("name") == dbus.Text("name") && mount.Text("mountPath") == "/run/dbus");
        Assert.Contains(container.Items("env"), variable =>
            variable.Text("name") == "DBUS_SYSTEM_BUS_ADDRESS" && variable.Text("value") == "unix:path=/run/dbus/system_bus_socket");
        Assert.Equal("true", container.Path("securityContext").Text("privileged"));
        Assert.Equal("0", pod.Path("securityContext").Text("runAsUser"));
    }

    [Fact]
    public void Inference_asks_for_the_GPU_and_runs_the_JetPack_image()
    {
        var pod = PodSpec("Deployment", "inference");
        Assert.Equal("nvidia", pod.Text("runtimeClassName"));
        Assert.True(Edge.Has("RuntimeClass", "nvidia"));

        var container = Container("Deployment", "inference");
        Assert.Equal("1", container.Path("resources", "limits").Text("nvidia.com/gpu"));
        Assert.Contains(container.Items("env"), variable => variable.Text("name") == "NVIDIA_VISIBLE_DEVICES" && variable.Text("value") == "nvidia.com/gpu=all");
        Assert.Equal("quay.io/crazytrain/inference-jetson:0.1.0", container.Text("image"));
        Assert.Null(container.TryPath("securityContext")?.Text("privileged"));
    }

    [Fact]
    public void Every_pod_is_placed_on_an_arm64_node()
    {
        foreach (var workload in Edge.Workloads)
        {
            Assert.Equal("arm64", workload.Path("spec", "template", "spec", "nodeSelector").Text("kubernetes.io/arch"));
        }
    }

    [Fact]
    public void Only_the_pods_that_own_a_device_are_privileged()
    {
        var privileged = Edge.Containers
            .Where(pair => pair.Container.TryPath("securityContext")?.Text("privileged") == "true")
            .Select(pair => pair.Workload)
            .Order(StringComparer.Ordinal);

        Assert.Equal(["capture", "controller"], privileged);
    }

    [Fact]
    public void The_namespace_is_labelled_privileged_and_kept_out_of_label_sync()
    {
        var labels = Edge.Single("Namespace", "crazytrain").Path("metadata", "labels");

        Assert.Equal("privileged", labels.Text("pod-security.kubernetes.io/enforce"));
        Assert.Equal("false", labels.Text("security.openshift.io/scc.podSecurityLabelSync"));
    }

    [Fact]
    public void The_service_account_may_use_the_edge_SCC_and_nobody_else_gets_it()
    {
        var scc = Edge.Single("SecurityContextConstraints", "crazytrain-edge");
        Assert.Equal("true", scc.Text("allowPrivilegedContainer"));
        Assert.Equal("true", scc.Text("allowHostDirVolumePlugin"));
        Assert.Contains("hostPath", scc.Strings("volumes"));
        Assert.Empty(scc.Strings("users"));
        Assert.Empty(scc.Strings("groups"));

        Assert.True(Edge.Has("ServiceAccount", "crazytrain-edge"));
        var rule = Assert.Single(Edge.Single("Role", "use-crazytrain-edge-scc").Items("rules"));
        Assert.Equal(["use"], rule.Strings("verbs"));
        Assert.Equal(["securitycontextconstraints"], rule.Strings("resources"));
        Assert.Equal(["crazytrain-edge"], rule.Strings("resourceNames"));

        var binding = Edge.Single("RoleBinding", "use-crazytrain-edge-scc");
        Assert.Equal("use-crazytrain-edge-scc", binding.Path("roleRef").Text("name"));
        var subject = Assert.Single(binding.Items("subjects"));
        Assert.Equal(("ServiceAccount", "crazytrain-edge", "crazytrain"), (subject.Text("kind"), subject.Text("name"), subject.Text("namespace")));
    }

    [Fact]
    public void Kafka_is_a_single_node_StatefulSet_with_its_data_on_an_LVMS_volume()
    {
        var kafka = Edge.Single("StatefulSet", "kafka");
        Assert.Equal("1", kafka.Path("spec").Text("replicas"));
        var claim = Assert.Single(kafka.Path("spec").Items("volumeClaimTemplates"));
        Assert.Equal("topolvm-provisioner", claim.Path("spec").Text("storageClassName"));
        Assert.Equal(["ReadWriteOnce"], claim.Path("spec").Strings("accessModes"));

        var container = Container("StatefulSet", "kafka");
        Assert.Contains(container.Items("volumeMounts"), mount => mount.Text("name") == claim.Path("metadata").Text("name") && mount.Text("mountPath") == "/var/lib/kafka/data");
        Assert.Equal("docker.io/apache/kafka:4.1.0", container.Text("image"));
        Assert.Equal("1000", PodSpec("StatefulSet", "kafka").Path("securityContext").Text("fsGroup"));
    }

    [Fact]
    public void Services_run_in_Hardware_mode_and_reach_Kafka_through_its_Service()
    {
        foreach (var service in new[] { "capture", "inference", "controller" })
        {
            var settings = Assert.Single(Edge.OfKind("ConfigMap"), map => map.Path("metadata").Text("name")!.StartsWith($"{service}-env-", StringComparison.Ordinal));
            Assert.Equal("Hardware", settings.Path("data").Text("CrazyTrain__Mode"));
            Assert.Equal("kafka:9092", settings.Path("data").Text("ConnectionStrings__kafka"));
        }

        var capture = Assert.Single(Edge.OfKind("ConfigMap"), map => map.Path("metadata").Text("name")!.StartsWith("capture-env-", StringComparison.Ordinal));
        Assert.Equal("Camera", capture.Path("data").Text("Capture__Kind"));
        Assert.Equal("/dev/video0", capture.Path("data").Text("Capture__Source"));

        Assert.True(Edge.Has("Service", "kafka"));
    }

    [Fact]
    public void The_controllers_state_folder_is_a_claim_on_LVMS_so_a_restarted_pod_keeps_the_latch_and_the_journal()
    {
        var controller = Edge.Single("Deployment", "controller");
        var settings = Assert.Single(Edge.OfKind("ConfigMap"), map => map.Path("metadata").Text("name")!.StartsWith("controller-env-", StringComparison.Ordinal));
        var folder = settings.Path("data").Text("CrazyTrain__Controller__StateFolder");
        Assert.Equal("/var/lib/crazytrain/controller", folder);

        var volume = Assert.Single(PodSpec("Deployment", "controller").Items("volumes"), item => item.TryPath("persistentVolumeClaim") is not null);
        var claimName = volume.Path("persistentVolumeClaim").Text("claimName");
        Assert.Contains(Container("Deployment", "controller").Items("volumeMounts"), mount => mount.Text("name") == volume.Text("name") && mount.Text("mountPath") == folder);

        var claim = Edge.Single("PersistentVolumeClaim", claimName!);
        Assert.Equal("topolvm-provisioner", claim.Path("spec").Text("storageClassName"));
        Assert.Equal(["ReadWriteOnce"], claim.Path("spec").Strings("accessModes"));
        // One writer of the latch: the old pod lets go of the claim before the new one starts.
        Assert.Equal("Recreate", controller.Path("spec", "strategy").Text("type"));
    }

    [Fact]
    public void The_hub_guard_is_a_native_sidecar_of_the_controller_that_watches_it_on_localhost_and_cuts_through_dbus()
    {
        var pod = PodSpec("Deployment", "controller");
        var guard = Assert.Single(pod.Items("initContainers"));
        Assert.Equal("hub-guard", guard.Text("name"));
        // restartPolicy Always: started before the controller, restarted on its own, outlives a crashed controller container.
        Assert.Equal("Always", guard.Text("restartPolicy"));
        Assert.Equal("quay.io/crazytrain/hubguard:0.1.0", guard.Text("image"));

        string? Env(string name) => guard.Items("env").Single(variable => variable.Text("name") == name).Text("value");
        var controllerPort = Container("Deployment", "controller").Items("ports").Single(port => port.Text("name") == "http").Text("containerPort");
        Assert.Equal($"http://localhost:{controllerPort}", Env("CrazyTrain__HubGuard__Controller"));
        Assert.Equal("Hardware", Env("CrazyTrain__Mode"));
        Assert.NotEqual(controllerPort, Env("ASPNETCORE_HTTP_PORTS"));
        Assert.Equal("unix:path=/run/dbus/system_bus_socket", Env("DBUS_SYSTEM_BUS_ADDRESS"));

        var dbus = Assert.Single(pod.Items("volumes"), volume => volume.TryPath("hostPath")?.Text("path") == "/run/dbus");
        Assert.Contains(guard.Items("volumeMounts"), mount => mount.Text("name") == dbus.Text("name") && mount.Text("mountPath") == "/run/dbus");
        Assert.Equal("true", guard.Path("securityContext").Text("privileged"));
        Assert.Equal("/alive", guard.Path("startupProbe", "httpGet").Text("path"));
        Assert.Equal("/alive", guard.Path("livenessProbe", "httpGet").Text("path"));
        // A guard that is cutting is Unhealthy on purpose; it must not take the controller's operator API out of rotation.
        Assert.Null(guard.TryPath("readinessProbe"));
    }

    [Fact]
    public void Only_the_controller_has_a_hub_guard()
    {
        var guarded = Edge.Workloads
            .Where(workload => workload.Path("spec", "template", "spec").Items("initContainers").Any(container => container.Text("name") == "hub-guard"))
            .Select(workload => workload.Path("metadata").Text("name"));

        Assert.Equal(["controller"], guarded);
    }
}
