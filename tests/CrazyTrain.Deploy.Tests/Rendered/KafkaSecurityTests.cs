using System.Text.RegularExpressions;
using CrazyTrain.Deploy.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace CrazyTrain.Deploy.Tests.Rendered;

/// <summary>The edge broker: SASL/SCRAM over TLS, a user and ACLs per service; simulation and the cloud broker untouched.</summary>
public sealed partial class KafkaSecurityTests(RenderedOverlays overlays) : IClassFixture<RenderedOverlays>
{
    private static readonly string[] Clients = ["capture", "console", "controller", "inference"];

    private KubeObjects Edge => overlays["edge"];

    private YamlMappingNode Broker => Assert.Single(Edge.Single("StatefulSet", "kafka").Path("spec", "template", "spec").Items("containers"), container => container.Text("name") == "kafka");

    private static string? Env(YamlMappingNode container, string name) =>
        container.Items("env").SingleOrDefault(variable => variable.Text("name") == name)?.Text("value");

    [Fact]
    public void The_only_listener_off_the_pods_loopback_is_SASL_SSL_with_SCRAM_and_nothing_is_allowed_without_an_ACL()
    {
        var listeners = Env(Broker, "KAFKA_LISTENERS")!.Split(',');
        var map = Env(Broker, "KAFKA_LISTENER_SECURITY_PROTOCOL_MAP")!.Split(',').Select(pair => pair.Split(':')).ToDictionary(pair => pair[0], pair => pair[1]);

        var reachable = listeners.Where(listener => !listener.Contains("://localhost:", StringComparison.Ordinal)).ToList();
        Assert.Equal(["SASL_SSL://:9092"], reachable);
        Assert.Equal("SASL_SSL", map["SASL_SSL"]);
        Assert.All(listeners.Where(listener => map[listener[..listener.IndexOf(':')]] == "PLAINTEXT"),
            listener => Assert.Contains("://localhost:", listener, StringComparison.Ordinal));
        Assert.StartsWith("SASL_SSL://kafka:9092", Env(Broker, "KAFKA_ADVERTISED_LISTENERS"), StringComparison.Ordinal);
        Assert.Equal("SCRAM-SHA-512", Env(Broker, "KAFKA_SASL_ENABLED_MECHANISMS"));
        Assert.Equal("org.apache.kafka.metadata.authorizer.StandardAuthorizer", Env(Broker, "KAFKA_AUTHORIZER_CLASS_NAME"));
        Assert.Equal("false", Env(Broker, "KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND"));
        Assert.Equal("User:ANONYMOUS", Env(Broker, "KAFKA_SUPER_USERS"));
        Assert.Equal("false", Env(Broker, "KAFKA_AUTO_CREATE_TOPICS_ENABLE"));
        Assert.Contains("java.security.auth.login.config=/etc/kafka/jaas/jaas.conf", Env(Broker, "KAFKA_OPTS"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_broker_reads_its_keystore_from_the_generated_Secret_where_the_image_looks_for_it()
    {
        var pod = Edge.Single("StatefulSet", "kafka").Path("spec", "template", "spec");
        var mount = Assert.Single(Broker.Items("volumeMounts"), item => item.Text("mountPath") == "/etc/kafka/secrets");
        var volume = Assert.Single(pod.Items("volumes"), item => item.Text("name") == mount.Text("name"));
        var secret = Edge.Single("Secret", volume.Path("secret").Text("secretName")!);

        Assert.Equal("PKCS12", Env(Broker, "KAFKA_SSL_KEYSTORE_TYPE"));
        Assert.NotNull(secret.Path("data").Text(Env(Broker, "KAFKA_SSL_KEYSTORE_FILENAME")!));
        Assert.NotNull(secret.Path("data").Text(Env(Broker, "KAFKA_SSL_KEYSTORE_CREDENTIALS")!));
    }

    [Fact]
    public void Every_client_authenticates_with_its_own_user_from_its_own_Secret_and_trusts_the_brokers_CA()
    {
        var containers = Edge.Containers.Where(pair => Clients.Contains(pair.Workload)).ToList();
        Assert.Equal(Clients, containers.Select(pair => pair.Workload).Order(StringComparer.Ordinal));

        foreach (var (workload, container) in containers)
        {
            Assert.Equal("sasl_ssl", Env(container, "Kafka__Security__Protocol"));
            Assert.Equal("SCRAM-SHA-512", Env(container, "Kafka__Security__SaslMechanism"));
            var ca = Env(container, "Kafka__Security__CaLocation")!;
            var mount = Assert.Single(container.Items("volumeMounts"), item => ca.StartsWith(item.Text("mountPath")! + "/", StringComparison.Ordinal));
            var volume = Edge.Single("Deployment", workload).Path("spec", "template", "spec").Items("volumes").Single(item => item.Text("name") == mount.Text("name"));
            Assert.StartsWith("kafka-ca-", volume.Path("secret").Text("secretName"), StringComparison.Ordinal);

            var user = SecretRef(container, "Kafka__Security__Username");
            var password = SecretRef(container, "Kafka__Security__Password");
            Assert.StartsWith($"kafka-user-{workload}-", user.Text("name"), StringComparison.Ordinal);
            Assert.Equal(user.Text("name"), password.Text("name"));
            var secret = Edge.Single("Secret", user.Text("name")!).Path("data");
            Assert.Equal(workload, Decode(secret.Text(user.Text("key")!)));
            Assert.Matches("^[0-9a-f]{48}$", Decode(secret.Text(password.Text("key")!)));
        }
    }

    [Fact]
    public void Each_service_may_read_and_write_only_its_own_topics()
    {
        var grants = AccessScript().Split('\n')
            .Select(line => AclLine().Match(line))
            .Where(match => match.Success)
            .SelectMany(match => match.Groups["ops"].Captures.Select(op => $"{match.Groups["user"].Value} {op.Value} {match.Groups["kind"].Value}:{match.Groups["name"].Value}{(match.Groups["prefixed"].Success ? "*" : "")}"))
            .Where(grant => !grant.Contains(" Describe ", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

        Assert.Equal(
        [
            "capture Write topic:train.frames",
            "console Read group:console-*",
            "console Read topic:train.detections",
            "console Read topic:train.frames",
            "console Read topic:train.orders",
            "console Read topic:train.telemetry",
            "controller Read group:crazytrain.controller-*",
            "controller Read topic:train.detections",
            "controller Write topic:train.orders",
            "controller Write topic:train.telemetry",
            "inference Read group:CrazyTrain.Inference*",
            "inference Read topic:train.frames",
            "inference Write topic:train.detections",
        ], grants);
    }

    [Fact]
    public void Kafka_access_sets_each_users_password_from_the_same_Secret_the_service_reads()
    {
        var access = Assert.Single(Edge.Single("StatefulSet", "kafka").Path("spec", "template", "spec").Items("containers"), container => container.Text("name") == "kafka-access");
        var script = AccessScript();

        foreach (var client in Clients)
        {
            var variable = $"{client.ToUpperInvariant()}_PASSWORD";
            Assert.Contains($"--entity-name {client} --add-config \"SCRAM-SHA-512=[password=${variable}]\"", script, StringComparison.Ordinal);
            var reference = SecretRef(access, variable);
            Assert.Equal("password", reference.Text("key"));
            Assert.StartsWith($"kafka-user-{client}-", reference.Text("name"), StringComparison.Ordinal);
        }

        foreach (var topic in new[] { "train.frames", "train.detections", "train.orders", "train.telemetry" })
        {
            Assert.Contains($"--create --if-not-exists --topic {topic} ", script, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_brokers_certificate_is_signed_by_the_CA_the_clients_trust_and_names_the_advertised_host()
    {
        using var tree = await InstalledTree.MakeAsync();
        var secrets = tree["overlays/edge/secrets"];
        var certificate = Path.Combine(secrets, "broker.pem");
        var export = await Processes.RunAsync("openssl", ["pkcs12", "-in", Path.Combine(secrets, "kafka.keystore.p12"), "-nokeys", "-clcerts",
            "-passin", $"file:{Path.Combine(secrets, "kafka-keystore-password")}", "-out", certificate], Repository.Root, TimeSpan.FromMinutes(1));
        Assert.True(export.ExitCode == 0, export.Error);

        var verify = await Processes.RunAsync("openssl", ["verify", "-CAfile", Path.Combine(secrets, "kafka-ca.crt"), certificate], Repository.Root, TimeSpan.FromMinutes(1));
        var names = await Processes.RunAsync("openssl", ["x509", "-in", certificate, "-noout", "-ext", "subjectAltName"], Repository.Root, TimeSpan.FromMinutes(1));

        Assert.True(verify.ExitCode == 0, verify.Output + verify.Error);
        var advertised = Regex.Match(Env(Broker, "KAFKA_ADVERTISED_LISTENERS")!, "SASL_SSL://(?<host>[^:]+):").Groups["host"].Value;
        Assert.Contains($"DNS:{advertised},", names.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("simulation")]
    [InlineData("edge-external-kafka")]
    public void Simulation_and_the_cloud_broker_get_no_edge_broker_credentials(string overlay)
    {
        var rendered = overlays[overlay];

        Assert.DoesNotContain(rendered.Containers, pair => pair.Container.Items("env").Any(variable => variable.Text("name")!.StartsWith("Kafka__Security__", StringComparison.Ordinal)));
        Assert.DoesNotContain(rendered.Workloads, workload => workload.Path("spec", "template", "spec").Items("volumes").Any(volume => volume.Text("name") == "kafka-ca"));
        if (rendered.Has("StatefulSet", "kafka"))
        {
            var settings = Assert.Single(rendered.OfKind("ConfigMap"), map => map.Path("metadata").Text("name")!.StartsWith("kafka-env-", StringComparison.Ordinal));
            Assert.Contains("PLAINTEXT://", settings.Path("data").Text("KAFKA_LISTENERS"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_new_service_that_talks_to_Kafka_gets_a_user_but_no_ACL_until_it_is_granted()
    {
        static void AddTelemetry(System.Text.Json.Nodes.JsonObject resources) => resources["telemetry"] = ManifestEdits.ConsoleResource(external: false, name: "telemetry");
        var files = Deploy.Generation.DeploymentGenerator.Generate(Committed.Inputs(
            ManifestEdits.Edit(Committed.ManifestJson, AddTelemetry),
            ManifestEdits.Edit(Committed.ExternalManifestJson, AddTelemetry)));

        var script = Assert.Single(files, file => file.Path == "overlays/edge/kafka/access.sh").Content;
        Assert.Contains("--entity-name telemetry --add-config", script, StringComparison.Ordinal);
        Assert.DoesNotContain("User:telemetry", script, StringComparison.Ordinal);
        Assert.Contains(files, file => file.Path == "overlays/edge/patches/telemetry-kafka-access.yaml");
    }

    private string AccessScript()
    {
        var map = Assert.Single(Edge.OfKind("ConfigMap"), item => item.Path("metadata").Text("name")!.StartsWith("kafka-access-", StringComparison.Ordinal));
        return map.Path("data").Text("access.sh")!;
    }

    private static YamlMappingNode SecretRef(YamlMappingNode container, string variable) =>
        container.Items("env").Single(item => item.Text("name") == variable).Path("valueFrom", "secretKeyRef");

    private static string Decode(string? base64) => System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(base64!));

    [GeneratedRegex(@"kafka-acls\.sh .* --allow-principal User:(?<user>\S+)(?: --operation (?<ops>\S+))+ --(?<kind>topic|group) (?<name>\S+)(?<prefixed> --resource-pattern-type prefixed)?$")]
    private static partial Regex AclLine();
}
