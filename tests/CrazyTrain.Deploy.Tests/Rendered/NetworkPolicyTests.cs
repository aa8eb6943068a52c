using CrazyTrain.Deploy.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace CrazyTrain.Deploy.Tests.Rendered;

/// <summary>Default deny in the namespace, then exactly the wiring diagram's flows, from both ends.</summary>
public sealed class NetworkPolicyTests(RenderedOverlays overlays) : IClassFixture<RenderedOverlays>
{
    /// <summary>docs/architecture.md: who talks to Kafka, and the console calling the services with the operator token.</summary>
    private static readonly string[] Wiring =
    [
        "capture -> kafka:9092", "inference -> kafka:9092", "controller -> kafka:9092", "console -> kafka:9092",
        "console -> capture:8080", "console -> inference:8080", "console -> controller:8080",
    ];

    [Theory]
    [InlineData("simulation")]
    [InlineData("edge")]
    public void Everything_in_the_namespace_is_denied_unless_a_policy_allows_it(string overlay)
    {
        var deny = Policy(overlay, "default-deny");

        Assert.Empty(deny.Path("spec", "podSelector").Children);
        Assert.Equal(["Ingress", "Egress"], deny.Path("spec").Strings("policyTypes"));
        Assert.Empty(deny.Path("spec").Items("ingress"));
        Assert.Empty(deny.Path("spec").Items("egress"));
    }

    [Theory]
    [InlineData("simulation")]
    [InlineData("edge")]
    public void Pods_in_the_namespace_reach_each_other_only_along_the_wiring_both_ways(string overlay)
    {
        var policies = overlays[overlay].OfKind("NetworkPolicy").ToList();

        var egress = policies.SelectMany(policy => Flows(policy, "egress", "to", (selected, peer) => (selected, peer)));
        var ingress = policies.SelectMany(policy => Flows(policy, "ingress", "from", (selected, peer) => (peer, selected)));

        Assert.Equal(Wiring.Order(StringComparer.Ordinal), egress.Order(StringComparer.Ordinal));
        Assert.Equal(Wiring.Order(StringComparer.Ordinal), ingress.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Only_the_console_is_reached_from_outside_the_namespace_and_only_by_the_router()
    {
        var outside = overlays["edge"].OfKind("NetworkPolicy")
            .SelectMany(policy => policy.Path("spec").Items("ingress")
                .Where(rule => rule.Items("from").Any(peer => peer.TryPath("namespaceSelector") is not null))
                .Select(rule => (Pod: Selected(policy), Rule: rule)))
            .ToList();

        var (pod, rule) = Assert.Single(outside);
        Assert.Equal("console", pod);
        Assert.Contains(rule.Items("from"), peer => peer.TryPath("namespaceSelector", "matchLabels")?.Text("kubernetes.io/metadata.name") == "openshift-ingress");
        Assert.Equal(["8080"], rule.Items("ports").Select(port => port.Text("port")!));
    }

    [Fact]
    public void Every_pod_may_resolve_names_and_send_telemetry_out_and_nothing_else_leaves()
    {
        var shared = Policy("edge", "dns-and-telemetry");
        Assert.Empty(shared.Path("spec", "podSelector").Children);
        var ports = shared.Path("spec").Items("egress").SelectMany(rule => rule.Items("ports")).Select(port => $"{port.Text("protocol")}/{port.Text("port")}").ToHashSet();
        Assert.Superset(new HashSet<string> { "UDP/53", "TCP/53", "UDP/5353", "TCP/5353", "TCP/4317", "TCP/4318" }, ports);
        Assert.Equal(6, ports.Count);

        var leaving = overlays["edge"].OfKind("NetworkPolicy").Where(policy => policy.Path("metadata").Text("name") != "dns-and-telemetry")
            .SelectMany(policy => policy.Path("spec").Items("egress"))
            .Where(rule => rule.Items("to").Count == 0 || rule.Items("to").Any(peer => peer.TryPath("podSelector") is null));
        Assert.Empty(leaving);
    }

    [Fact]
    public void With_a_cloud_broker_the_in_cluster_brokers_policy_goes_and_its_clients_may_leave_on_Kafka_ports()
    {
        var external = overlays["edge-external-kafka"];
        Assert.False(external.Has("NetworkPolicy", "kafka"));

        var egress = external.Single("NetworkPolicy", "external-kafka");
        var selector = Assert.Single(egress.Path("spec", "podSelector").Items("matchExpressions"));
        Assert.Equal(["capture", "inference", "controller", "console"], selector.Strings("values"));
        var port = Assert.Single(Assert.Single(egress.Path("spec").Items("egress")).Items("ports"));
        Assert.Equal(("9092", "9094"), (port.Text("port"), port.Text("endPort")));
    }

    private YamlMappingNode Policy(string overlay, string name) => overlays[overlay].Single("NetworkPolicy", name);

    private static string? Selected(YamlMappingNode policy) =>
        policy.Path("spec", "podSelector").TryPath("matchLabels")?.Text("app.kubernetes.io/name");

    /// <summary>"a -> b:port" for each pod-to-pod rule of one direction; <paramref name="order"/> says which end is which.</summary>
    private static IEnumerable<string> Flows(YamlMappingNode policy, string direction, string peers, Func<string, string, (string From, string To)> order)
    {
        if (Selected(policy) is not { } selected)
        {
            yield break;
        }

        foreach (var rule in policy.Path("spec").Items(direction))
        {
            foreach (var peer in rule.Items(peers).Select(peer => peer.TryPath("podSelector", "matchLabels")?.Text("app.kubernetes.io/name")).OfType<string>())
            {
                var (from, to) = order(selected, peer);
                foreach (var port in rule.Items("ports"))
                {
                    yield return $"{from} -> {to}:{port.Text("port")}";
                }
            }
        }
    }
}
