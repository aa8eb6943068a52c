using CrazyTrain.Deploy.Planning;
using CrazyTrain.Deploy.Yaml;
using YamlDotNet.RepresentationModel;

namespace CrazyTrain.Deploy.Generation;

/// <summary>
/// The dead-man (<c>src/CrazyTrain.HubGuard</c>) at the edge: a native sidecar of the pod that holds the hub's link
/// (an init container with <c>restartPolicy: Always</c>, Kubernetes 1.29+). It starts, and passes its startup probe,
/// before the controller's container starts; the kubelet restarts a crashed or hung controller container without
/// touching it; it is stopped only after the controller's container has exited. It watches the controller's
/// <c>/alive</c> on localhost (no Service, no NetworkPolicy in between) and cuts the link through the same host
/// D-Bus socket (BlueZ <c>Device1.Disconnect</c>). The AppHost runs it only when running, so the manifest has no
/// resource for it: this is where the cluster gets it. docs/safety.md says why a sidecar and not a Deployment.
/// </summary>
internal static class HubGuardSidecar
{
    public const string Name = "hub-guard";
    public const string Project = "src/CrazyTrain.HubGuard/CrazyTrain.HubGuard.csproj";

    /// <summary>The guard's own /alive and /health; the controller has 8080 in the same network namespace.</summary>
    public const int Port = 8090;

    public static YamlMappingNode Container(Workload controller, ImageSettings images)
    {
        var watched = controller.HttpPort
            ?? throw new InvalidOperationException($"'{controller.Name}' holds the hub but has no http binding for the guard to watch.");
        return Y.Map(
            ("name", Y.Str(Name)),
            ("image", Y.Str(images.ImageFor(Project))),
            ("imagePullPolicy", Y.Str("IfNotPresent")),
            ("restartPolicy", Y.Str("Always")),
            ("ports", Y.Seq(Y.Map(("name", Y.Str("guard-http")), ("containerPort", Y.Num(Port)), ("protocol", Y.Str("TCP"))))),
            ("env", Y.Seq([
                Variable(OverlaySettings.Variable, OverlaySettings.Hardware),
                // The image's own ASPNETCORE_HTTP_PORTS says 8080, the controller's port in this pod: replace it, not add to it.
                Variable("ASPNETCORE_HTTP_PORTS", Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                Variable("CrazyTrain__HubGuard__Controller", $"http://localhost:{watched.ContainerPort}"),
                Variable("DBUS_SYSTEM_BUS_ADDRESS", EdgeProfile.DbusAddress),
                .. MallocArenaCap(controller)])),
            ("resources", Y.Map(
                ("requests", Y.Map(("cpu", Y.Str("20m")), ("memory", Y.Str("64Mi")))),
                ("limits", Y.Map(("cpu", Y.Str("250m")), ("memory", Y.Str("192Mi")))))),
            // The controller's container starts only once the guard answers: nobody drives before the guard watches.
            ("startupProbe", Probe(period: 1, failures: 60)),
            // A hung guard is restarted by the kubelet like any container; no readiness probe, so a guard that is
            // cutting (Unhealthy by design) never takes the controller's operator API out of its Service.
            ("livenessProbe", Probe(period: 5, failures: 3)),
            ("securityContext", Y.Map(("privileged", Y.Bool(true)), ("allowPrivilegeEscalation", Y.Bool(true)))),
            ("volumeMounts", Y.Seq(Y.Map(("name", Y.Str("dbus")), ("mountPath", Y.Str(EdgeProfile.DbusFolder))))));
    }

    private static YamlMappingNode Probe(int period, int failures) => Y.Map(
        ("httpGet", Y.Map(("path", Y.Str(Probes.LivenessPath)), ("port", Y.Str("guard-http")))),
        ("periodSeconds", Y.Num(period)),
        ("timeoutSeconds", Y.Num(2)),
        ("failureThreshold", Y.Num(failures)));

    /// <summary>
    /// The guard is a .NET service too, but not a resource of the manifest: it takes the glibc arena cap the AppHost gives
    /// every service (docs/performance.md) from the controller beside it, so the two cannot differ.
    /// </summary>
    private static IEnumerable<YamlMappingNode> MallocArenaCap(Workload controller) =>
        controller.Settings.Where(setting => setting.Key == "MALLOC_ARENA_MAX").Select(setting => Variable(setting.Key, setting.Value));

    private static YamlMappingNode Variable(string name, string value) => Y.Map(("name", Y.Str(name)), ("value", Y.Str(value)));
}
