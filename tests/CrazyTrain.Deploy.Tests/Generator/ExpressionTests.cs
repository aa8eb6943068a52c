using CrazyTrain.Deploy.Manifest;
using CrazyTrain.Deploy.Planning;
using CrazyTrain.Deploy.Tests.Support;

namespace CrazyTrain.Deploy.Tests.Generator;

/// <summary>The manifest's expressions, resolved to what they mean inside the cluster.</summary>
public sealed class ExpressionTests
{
    private static readonly ManifestExpressions Deployed = new(AspireManifest.Parse(Committed.ManifestJson));

    private static ManifestExpressions With(string parameterJson) => new(AspireManifest.Parse(
        ManifestEdits.Edit(Committed.ManifestJson, resources => resources["setting"] = System.Text.Json.Nodes.JsonNode.Parse(parameterJson))));

    [Theory]
    [InlineData("{kafka.connectionString}", "kafka:9092")]
    [InlineData("{kafka.bindings.tcp.host}", "kafka")]
    [InlineData("{kafka.bindings.tcp.port}", "9092")]
    [InlineData("{capture.bindings.http.targetPort}", "8080")]
    [InlineData("{controller.bindings.http.url}", "http://controller:8080")]
    [InlineData("PLAINTEXT://{kafka.bindings.tcp.host}:{kafka.bindings.tcp.port}", "PLAINTEXT://kafka:9092")]
    [InlineData("plain text", "plain text")]
    [InlineData("{{not an expression}}", "{not an expression}")]
    public void Expressions_resolve_to_in_cluster_names_and_ports(string expression, string expected)
    {
        var resolved = Assert.IsType<ResolvedValue.Text>(Deployed.Resolve("test", expression));

        Assert.Equal(expected, resolved.Value);
    }

    [Fact]
    public void A_secret_parameter_becomes_a_Secret_reference_never_text()
    {
        var external = new ManifestExpressions(AspireManifest.Parse(Committed.ExternalManifestJson));

        var resolved = Assert.IsType<ResolvedValue.SecretReference>(external.Resolve("capture", "{kafka.connectionString}"));

        Assert.Equal(new ResolvedValue.SecretReference("kafka", "kafka-secret", "value"), resolved);
    }

    [Fact]
    public void The_External_broker_publish_turns_kafka_into_a_secret_connection_string_parameter()
    {
        var kafka = AspireManifest.Parse(Committed.ExternalManifestJson).Find("kafka");

        Assert.NotNull(kafka);
        Assert.True(kafka.IsParameter);
        Assert.Equal("{kafka.value}", kafka.ConnectionString);
        Assert.True(kafka.Parameter?.Secret);
    }

    [Fact]
    public void A_plain_parameter_resolves_to_its_default()
    {
        var expressions = With("""{"type":"parameter.v0","value":"{setting.inputs.value}","inputs":{"value":{"type":"string","default":{"value":"42"}}}}""");

        Assert.Equal(new ResolvedValue.Text("42"), expressions.Resolve("capture", "{setting.value}"));
    }

    [Theory]
    [InlineData("{nothing.connectionString}", "there is no resource 'nothing'")]
    [InlineData("{capture.bindings.https.url}", "not served in the cluster")]
    [InlineData("{kafka.bindings.tcp.colour}", "binding property 'colour'")]
    [InlineData("{capture.connectionString}", "which has none")]
    [InlineData("{kafka", "Unclosed")]
    public void Expressions_the_cluster_cannot_serve_fail_with_the_reason(string expression, string reason)
    {
        var error = Assert.Throws<ManifestException>(() => Deployed.Resolve("test", expression));

        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void A_parameter_without_default_or_secrecy_is_refused_by_name()
    {
        var expressions = With("""{"type":"parameter.v0","value":"{setting.inputs.value}","inputs":{"value":{"type":"string"}}}""");

        var error = Assert.Throws<ManifestException>(() => expressions.Resolve("capture", "{setting.value}"));

        Assert.Contains("Parameter 'setting'", error.Message);
    }

    [Fact]
    public void A_secret_spliced_into_text_is_refused()
    {
        var expressions = With("""{"type":"parameter.v0","value":"{setting.inputs.value}","inputs":{"value":{"type":"string","secret":true}}}""");

        var error = Assert.Throws<ManifestException>(() => expressions.Resolve("capture", "password={setting.value}"));

        Assert.Contains("mixes the secret parameter 'setting'", error.Message);
    }

    [Fact]
    public void A_container_with_a_moving_tag_is_refused()
    {
        var manifest = AspireManifest.Parse(ManifestEdits.Edit(Committed.ManifestJson, resources => resources["kafka"]!["image"] = "docker.io/apache/kafka:latest"));

        var error = Assert.Throws<ManifestException>(() => DeploymentPlan.From(manifest, Committed.Images));

        Assert.Contains("no fixed tag or digest", error.Message);
    }

    [Fact]
    public void An_executable_resource_is_refused_with_what_can_be_deployed()
    {
        var manifest = AspireManifest.Parse(ManifestEdits.Edit(Committed.ManifestJson,
            resources => resources["tool"] = new System.Text.Json.Nodes.JsonObject { ["type"] = "executable.v0", ["command"] = "nats-server" }));

        var error = Assert.Throws<ManifestException>(() => DeploymentPlan.From(manifest, Committed.Images));

        Assert.Contains("'tool' is a executable.v0", error.Message);
    }

    [Theory]
    [InlineData("quay.io/crazytrain/capture:0.1.0", true)]
    [InlineData("docker.io/apache/kafka:4.1.0", true)]
    [InlineData("registry:5000/crazytrain/capture@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", true)]
    [InlineData("registry:5000/crazytrain/capture", false)]
    [InlineData("docker.io/apache/kafka:latest", false)]
    [InlineData("apache/kafka", false)]
    [InlineData("apache/kafka:", false)]
    public void Pinned_means_a_fixed_tag_or_a_digest(string image, bool pinned) =>
        Assert.Equal(pinned, ImageSettings.IsPinned(image));
}
