using CrazyTrain.Deploy.Planning;
using CrazyTrain.Deploy.Yaml;
using YamlDotNet.RepresentationModel;

namespace CrazyTrain.Deploy.Generation;

/// <summary>
/// Who may talk to whom, from the AppHost's own wiring: everything in the namespace is denied, then each workload may
/// reach exactly the workloads its settings reference (a connection string, an endpoint URL) on their ports, and be
/// reached by exactly those that reference it. On top: DNS, OpenTelemetry out, and the router in front of what people
/// open. The hub guard watches the controller on localhost inside their pod, where no NetworkPolicy applies.
/// </summary>
internal static class NetworkPolicies
{
    public const string DenyAll = "default-deny";
    public const string Shared = "dns-and-telemetry";

    /// <summary>OTLP over gRPC and HTTP: the services' traces, metrics and logs leave the namespace to a collector.</summary>
    public static readonly int[] TelemetryPorts = [4317, 4318];

    /// <summary>Cluster DNS: the Service port and, on OpenShift/MicroShift, the DNS pods' own port behind it.</summary>
    private static readonly int[] DnsPorts = [53, 5353];

    public static IEnumerable<YamlNode> For(DeploymentPlan plan)
    {
        yield return Policy(DenyAll, Y.Map(), ingress: null, egress: null);
        yield return Policy(Shared, Y.Map(), ingress: null, egress: Y.Seq(
            Y.Map(("to", Y.Seq(Y.Map(("namespaceSelector", Y.Map())))), ("ports", Ports(DnsPorts, "UDP", "TCP"))),
            Y.Map(("ports", Ports(TelemetryPorts, "TCP")))));

        foreach (var workload in plan.Workloads)
        {
            var callers = plan.Workloads.Where(other => other.Calls.Contains(workload.Name)).ToList();
            var callees = workload.Calls.Select(name => plan.Find(name)).OfType<Workload>().Where(callee => callee.Ports.Count > 0).ToList();

            var ingress = callers.Where(_ => workload.Ports.Count > 0)
                .Select(caller => (YamlNode)Y.Map(("from", Y.Seq(Pods(caller.Name))), ("ports", Ports(workload))))
                .ToList();
            var people = workload.Ports.Where(port => port.External || (EdgeProfile.For(workload.Name).ServesPeople && port == workload.HttpPort)).ToList();
            if (people.Count > 0)
            {
                ingress.Add(Y.Map(("from", Routers()), ("ports", Y.Seq(people.Select(port => Port(port.ContainerPort, "TCP"))))));
            }

            var egress = callees.Select(callee => (YamlNode)Y.Map(("to", Y.Seq(Pods(callee.Name))), ("ports", Ports(callee)))).ToList();
            yield return Policy(workload.Name, Cluster.Selector(workload.Name),
                ingress.Count > 0 ? Y.Seq(ingress) : null,
                egress.Count > 0 ? Y.Seq(egress) : null);
        }
    }

    /// <summary>Kubernetes ORs policies together: an absent rule list here still means "nothing", from default-deny.</summary>
    private static YamlMappingNode Policy(string name, YamlMappingNode podLabels, YamlNode? ingress, YamlNode? egress) => Y.Map(
        ("apiVersion", Y.Str("networking.k8s.io/v1")),
        ("kind", Y.Str("NetworkPolicy")),
        ("metadata", Cluster.Metadata(name)),
        ("spec", Y.Map(
            ("podSelector", Y.Map(("matchLabels", podLabels.Children.Count > 0 ? podLabels : null))),
            ("policyTypes", Y.Strings(name == Shared ? ["Egress"] : ["Ingress", "Egress"])),
            ("ingress", ingress),
            ("egress", egress))));

    private static YamlMappingNode Pods(string name) => Y.Map(("podSelector", Y.Map(("matchLabels", Cluster.Selector(name)))));

    /// <summary>OpenShift's router: its namespace, or the host network where MicroShift's router may run.</summary>
    private static YamlSequenceNode Routers() => Y.Seq(
        Y.Map(("namespaceSelector", Y.Map(("matchLabels", Y.Map(("kubernetes.io/metadata.name", Y.Str("openshift-ingress"))))))),
        Y.Map(("namespaceSelector", Y.Map(("matchLabels", Y.Map(("policy-group.network.openshift.io/host-network", Y.Str(""))))))));

    private static YamlSequenceNode Ports(Workload workload) => Y.Seq(workload.Ports.Select(port => Port(port.ContainerPort, "TCP")));

    private static YamlSequenceNode Ports(int[] ports, params string[] protocols) =>
        Y.Seq(ports.SelectMany(port => protocols.Select(protocol => Port(port, protocol))));

    private static YamlMappingNode Port(int port, string protocol) => Y.Map(("protocol", Y.Str(protocol)), ("port", Y.Num(port)));
}
