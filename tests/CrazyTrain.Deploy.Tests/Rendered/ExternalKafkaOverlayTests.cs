using CrazyTrain.Deploy.Tests.Support;

namespace CrazyTrain.Deploy.Tests.Rendered;

/// <summary>The edge pointed at a cloud Kafka: no broker of its own, the connection string from a Secret.</summary>
public sealed class ExternalKafkaOverlayTests(RenderedOverlays overlays) : IClassFixture<RenderedOverlays>
{
    private KubeObjects External => overlays["edge-external-kafka"];

    [Fact]
    public void The_in_cluster_broker_is_gone()
    {
        Assert.Empty(External.OfKind("StatefulSet"));
        Assert.False(External.Has("Service", "kafka"));
        Assert.DoesNotContain(External.OfKind("ConfigMap"), map => map.Path("metadata").Text("name")!.StartsWith("kafka-env", StringComparison.Ordinal));
        Assert.False(External.Has("ServiceAccount", "kafka"));
        Assert.False(External.Has("Role", "use-nonroot-v2-scc-kafka"));
        Assert.False(External.Has("RoleBinding", "use-nonroot-v2-scc-kafka"));
        Assert.True(External.Has("ServiceAccount", "crazytrain-edge"));
    }

    [Fact]
    public void Every_service_reads_the_connection_string_from_the_kafka_secret_and_nowhere_else()
    {
        foreach (var service in new[] { "capture", "inference", "controller" })
        {
            var (_, container) = External.Containers.Single(pair => pair.Workload == service);
            var variable = Assert.Single(container.Items("env"), item => item.Text("name") == "ConnectionStrings__kafka");
            Assert.StartsWith("kafka-secret-", variable.Path("valueFrom", "secretKeyRef").Text("name"), StringComparison.Ordinal);
            Assert.Equal("value", variable.Path("valueFrom", "secretKeyRef").Text("key"));

            var settings = Assert.Single(External.OfKind("ConfigMap"), map => map.Path("metadata").Text("name")!.StartsWith($"{service}-env-", StringComparison.Ordinal));
            Assert.Null(settings.Path("data").Text("ConnectionStrings__kafka"));
        }
    }

    [Fact]
    public void A_private_CA_can_be_given_through_an_optional_tls_secret()
    {
        foreach (var (workload, container) in External.Containers)
        {
            Assert.Contains(container.Items("volumeMounts"), mount => mount.Text("mountPath") == "/etc/crazytrain/kafka-tls" && mount.Text("readOnly") == "true");
            var pod = External.Single("Deployment", workload).Path("spec", "template", "spec");
            var volume = Assert.Single(pod.Items("volumes"), item => item.TryPath("secret") is not null);
            Assert.Equal("kafka-tls", volume.Path("secret").Text("secretName"));
            Assert.Equal("true", volume.Path("secret").Text("optional"));
        }
    }

    [Fact]
    public void The_devices_stay_as_on_the_edge()
    {
        var capture = External.Single("Deployment", "capture").Path("spec", "template", "spec");

        Assert.Contains(capture.Items("volumes"), volume => volume.TryPath("hostPath")?.Text("path") == "/dev/video0");
        Assert.Equal("nvidia", External.Single("Deployment", "inference").Path("spec", "template", "spec").Text("runtimeClassName"));
    }
}
