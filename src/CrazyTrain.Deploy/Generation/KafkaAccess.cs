using System.Globalization;
using System.Text;
using CrazyTrain.Deploy.Manifest;
using CrazyTrain.Deploy.Planning;
using CrazyTrain.Deploy.Yaml;
using YamlDotNet.RepresentationModel;

namespace CrazyTrain.Deploy.Generation;

/// <summary>
/// The edge broker speaks SASL/SCRAM-SHA-512 over TLS on its only reachable port, with an ACL per service: a forged
/// <c>train.detections</c> needs the inference service's password. Listeners that need no password (the KRaft
/// controller, the broker's own and the access set-up's) are bound to the loopback of the broker's pod, whose
/// anonymous principal is therefore the only super user. Users, ACLs and topics are applied at every pod start by
/// the <c>kafka-access</c> container beside the broker (KRaft keeps them in its metadata; re-applying is idempotent
/// and picks up a changed password). The passwords, the CA and the broker's keystore come from the operator's files
/// (<c>./deploy/make-secrets.sh</c>); the simulation overlay and local runs stay plaintext.
/// </summary>
internal static class KafkaAccess
{
    public const string Broker = "kafka";
    public const string Mechanism = "SCRAM-SHA-512";
    public const int LocalPort = 9094;
    public const string CaSecret = "kafka-ca";
    public const string BrokerTlsSecret = "kafka-broker-tls";
    public const string CaFolder = "/etc/crazytrain/kafka-ca";
    public const string AccessContainer = "kafka-access";
    public const string BrokerSecretsFolder = "/etc/kafka/secrets";
    public const string JaasFolder = "/etc/kafka/jaas";
    public const string Keystore = "kafka.keystore.p12";
    public const string KeystorePassword = "keystore-password";

    /// <summary>kafka-access is ready once everything is applied: until then the broker's pod is out of its Service.</summary>
    public const string AppliedMarker = "/tmp/kafka-access-applied";

    /// <summary>Settings every client of the broker gets; the password comes from its Secret.</summary>
    public static readonly string[] ClientVariables =
        ["Kafka__Security__Protocol", "Kafka__Security__SaslMechanism", "Kafka__Security__CaLocation", "Kafka__Security__Username", "Kafka__Security__Password"];

    /// <summary>What each service may do on the train's topics (docs/architecture.md); consumer groups by prefix.</summary>
    private static readonly Dictionary<string, Grant> Grants = new(StringComparer.Ordinal)
    {
        ["capture"] = new(Write: ["train.frames"], Read: [], GroupPrefix: null),
        ["inference"] = new(Write: ["train.detections"], Read: ["train.frames"], GroupPrefix: "CrazyTrain.Inference"),
        ["controller"] = new(Write: ["train.orders", "train.telemetry"], Read: ["train.detections"], GroupPrefix: "crazytrain.controller-"),
        ["console"] = new(Write: [], Read: ["train.frames", "train.detections", "train.orders", "train.telemetry"], GroupPrefix: "console-"),
    };

    public static Workload? BrokerOf(DeploymentPlan plan) => plan.Find(Broker) is { Kind: WorkloadKind.StatefulContainer } broker ? broker : null;

    /// <summary>
    /// Every workload whose settings reference the broker. One the table does not name still gets a user, but no ACL:
    /// the broker refuses its every read and write (TOPIC_AUTHORIZATION_FAILED) until someone grants it here.
    /// </summary>
    public static IReadOnlyList<string> Clients(DeploymentPlan plan) =>
        [.. plan.Workloads.Where(workload => workload.Calls.Contains(Broker)).Select(workload => workload.Name)];

    public static string UserSecret(string client) => $"kafka-user-{client}";

    public static IReadOnlyList<string> Topics => [.. Grants.Values.SelectMany(grant => grant.Write.Concat(grant.Read)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>The broker's listeners: SASL_SSL for the services, PLAINTEXT only on the pod's loopback.</summary>
    public static IEnumerable<(string Name, string Value)> BrokerSettings(WorkloadPort port)
    {
        var number = port.ContainerPort.ToString(CultureInfo.InvariantCulture);
        var local = LocalPort.ToString(CultureInfo.InvariantCulture);
        yield return ("KAFKA_LISTENERS", $"SASL_SSL://:{number},CONTROLLER://localhost:9093,LOCAL://localhost:{local}");
        yield return ("KAFKA_ADVERTISED_LISTENERS", $"SASL_SSL://{Broker}:{port.ServicePort},LOCAL://localhost:{local}");
        yield return ("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "CONTROLLER:PLAINTEXT,LOCAL:PLAINTEXT,SASL_SSL:SASL_SSL");
        yield return ("KAFKA_INTER_BROKER_LISTENER_NAME", "LOCAL");
        yield return ("KAFKA_SASL_ENABLED_MECHANISMS", Mechanism);
        yield return ("KAFKA_AUTHORIZER_CLASS_NAME", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        // Only the loopback listeners yield ANONYMOUS: the controller quorum, the broker itself and kafka-access.
        yield return ("KAFKA_SUPER_USERS", "User:ANONYMOUS");
        yield return ("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND", "false");
        // Topics are created by kafka-access; a client cannot conjure new ones.
        yield return ("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
        yield return ("KAFKA_SSL_KEYSTORE_TYPE", "PKCS12");
        yield return ("KAFKA_SSL_KEYSTORE_FILENAME", Keystore);
        yield return ("KAFKA_SSL_KEYSTORE_CREDENTIALS", KeystorePassword);
        yield return ("KAFKA_SSL_KEY_CREDENTIALS", KeystorePassword);
        yield return ("KAFKA_OPTS", $"-Djava.security.auth.login.config={JaasFolder}/jaas.conf");
    }

    /// <summary>The SASL listener's login module; SCRAM checks passwords against the metadata, so it holds no secret.</summary>
    public const string Jaas = "KafkaServer { org.apache.kafka.common.security.scram.ScramLoginModule required; };";

    /// <summary>kafka-access's script: wait for the loopback listener, then topics, users and ACLs, then stay (a pod's container).</summary>
    public static string Script(IReadOnlyList<string> clients, string header)
    {
        var script = new StringBuilder();
        foreach (var line in header.Split('\n'))
        {
            script.Append("# ").Append(line).Append('\n');
        }

        script.Append("# Topics, SCRAM users and ACLs of the train's broker, applied at every start (idempotent); run with bash.\n");
        script.Append("set -euo pipefail\n");
        script.Append(CultureInfo.InvariantCulture, $"bin=/opt/kafka/bin; local=localhost:{LocalPort}\n");
        script.Append("until $bin/kafka-broker-api-versions.sh --bootstrap-server $local >/dev/null 2>&1; do sleep 2; done\n");
        foreach (var topic in Topics)
        {
            script.Append(CultureInfo.InvariantCulture, $"$bin/kafka-topics.sh --bootstrap-server $local --create --if-not-exists --topic {topic} --partitions 1 --replication-factor 1\n");
        }

        foreach (var client in clients)
        {
            var grant = Grants.GetValueOrDefault(client, Nothing);
            var password = PasswordVariable(client);
            script.Append(CultureInfo.InvariantCulture, $"$bin/kafka-configs.sh --bootstrap-server $local --alter --entity-type users --entity-name {client} --add-config \"{Mechanism}=[password=${password}]\"\n");
            foreach (var topic in grant.Write)
            {
                script.Append(CultureInfo.InvariantCulture, $"$bin/kafka-acls.sh --bootstrap-server $local --add --allow-principal User:{client} --operation Write --operation Describe --topic {topic}\n");
            }

            foreach (var topic in grant.Read)
            {
                script.Append(CultureInfo.InvariantCulture, $"$bin/kafka-acls.sh --bootstrap-server $local --add --allow-principal User:{client} --operation Read --operation Describe --topic {topic}\n");
            }

            if (grant.GroupPrefix is { } prefix)
            {
                script.Append(CultureInfo.InvariantCulture, $"$bin/kafka-acls.sh --bootstrap-server $local --add --allow-principal User:{client} --operation Read --group {prefix} --resource-pattern-type prefixed\n");
            }
        }

        script.Append(CultureInfo.InvariantCulture, $"touch {AppliedMarker}\n");
        script.Append("echo \"kafka-access: topics, users and ACLs applied\"\n");
        script.Append("exec sleep infinity\n");
        return script.ToString();
    }

    public static string PasswordVariable(string client) => $"{client.ToUpperInvariant()}_PASSWORD";

    /// <summary>The strategic-merge patch a client gets: its SCRAM user from its Secret, and the broker's CA.</summary>
    public static YamlMappingNode ClientPatch(Workload client)
    {
        var container = Y.Map(
            ("name", Y.Str(client.Name)),
            ("env", Y.Seq(
                Value("Kafka__Security__Protocol", "sasl_ssl"),
                Value("Kafka__Security__SaslMechanism", Mechanism),
                Value("Kafka__Security__CaLocation", $"{CaFolder}/ca.crt"),
                FromSecret("Kafka__Security__Username", UserSecret(client.Name), "username"),
                FromSecret("Kafka__Security__Password", UserSecret(client.Name), "password"))),
            ("volumeMounts", Y.Seq(Mount(CaSecret, CaFolder))));
        return PodPatch("Deployment", client.Name, [container], [SecretVolume(CaSecret)]);
    }

    /// <summary>The broker's patch: SASL_SSL listeners, its keystore and JAAS file, and kafka-access beside it.</summary>
    public static YamlMappingNode BrokerPatch(Workload broker, IReadOnlyList<string> clients)
    {
        var port = broker.Ports.FirstOrDefault() ?? throw new InvalidOperationException($"'{broker.Name}' has no port to secure.");
        var access = Y.Map(
            ("name", Y.Str(AccessContainer)),
            ("image", Y.Str(broker.Image)),
            ("imagePullPolicy", Y.Str("IfNotPresent")),
            ("command", Y.Strings(["/bin/bash", "/etc/kafka/access/access.sh"])),
            ("env", Y.Seq(clients.Select(client => FromSecret(PasswordVariable(client), UserSecret(client), "password")))),
            ("resources", Y.Map(
                ("requests", Y.Map(("cpu", Y.Str("10m")), ("memory", Y.Str("64Mi")))),
                ("limits", Y.Map(("cpu", Y.Str("500m")), ("memory", Y.Str("384Mi")))))),
            // Ready, and so the broker in its Service, only once users and ACLs exist; a script stuck for 5 minutes restarts.
            ("startupProbe", Applied(period: 5, failures: 60)),
            ("livenessProbe", Applied(period: 30, failures: 3)),
            ("readinessProbe", Applied(period: 5, failures: 1)),
            ("securityContext", Y.Map(("allowPrivilegeEscalation", Y.Bool(false)), ("capabilities", Y.Map(("drop", Y.Strings(["ALL"])))))),
            ("volumeMounts", Y.Seq(Mount(AccessContainer, "/etc/kafka/access"))));

        var kafka = Y.Map(
            ("name", Y.Str(broker.Name)),
            ("env", Y.Seq(BrokerSettings(port).Select(setting => Value(setting.Name, setting.Value)))),
            ("volumeMounts", Y.Seq(Mount(BrokerTlsSecret, BrokerSecretsFolder), Mount("kafka-jaas", JaasFolder))));

        return PodPatch("StatefulSet", broker.Name, [kafka, access],
            [SecretVolume(BrokerTlsSecret), ConfigMapVolume("kafka-jaas"), ConfigMapVolume(AccessContainer)]);
    }

    /// <summary>Takes <see cref="ClientPatch"/> back out: with a cloud broker the connection string from its Secret says it all.</summary>
    public static YamlMappingNode ClientPatchRemoval(Workload client)
    {
        var container = Y.Map(
            ("name", Y.Str(client.Name)),
            ("env", Y.Seq(ClientVariables.Select(name => Y.Map(("name", Y.Str(name)), ("$patch", Y.Str("delete")))))),
            ("volumeMounts", Y.Seq(Y.Map(("mountPath", Y.Str(CaFolder)), ("$patch", Y.Str("delete"))))));
        return PodPatch("Deployment", client.Name, [container], [Y.Map(("name", Y.Str(CaSecret)), ("$patch", Y.Str("delete")))]);
    }

    private static YamlMappingNode PodPatch(string kind, string name, YamlNode[] containers, YamlNode[] volumes)
    {
        var pod = Y.Map(("containers", Y.Seq(containers)), ("volumes", Y.Seq(volumes)));
        return Y.Map(
            ("apiVersion", Y.Str("apps/v1")),
            ("kind", Y.Str(kind)),
            ("metadata", Cluster.Target(name)),
            ("spec", Y.Map(("template", Y.Map(("spec", pod))))));
    }

    private static YamlMappingNode Applied(int period, int failures) => Y.Map(
        ("exec", Y.Map(("command", Y.Strings(["test", "-e", AppliedMarker])))),
        ("periodSeconds", Y.Num(period)),
        ("failureThreshold", Y.Num(failures)));

    private static YamlMappingNode Mount(string volume, string path) =>
        Y.Map(("name", Y.Str(volume)), ("mountPath", Y.Str(path)), ("readOnly", Y.Bool(true)));

    private static YamlMappingNode SecretVolume(string secret) => Y.Map(("name", Y.Str(secret)), ("secret", Y.Map(("secretName", Y.Str(secret)))));

    private static YamlMappingNode ConfigMapVolume(string map) => Y.Map(("name", Y.Str(map)), ("configMap", Y.Map(("name", Y.Str(map)))));

    /// <summary>Secrets from the operator's files and ConfigMaps from the generated ones, in the edge kustomization.</summary>
    public static IEnumerable<YamlNode> SecretGenerators(IReadOnlyList<string> clients)
    {
        yield return Y.Map(
            ("name", Y.Str(BrokerTlsSecret)),
            ("namespace", Y.Str(Cluster.Namespace)),
            ("files", Y.Strings([$"{Keystore}={OperatorSecrets.Folder}/{Keystore}", $"{KeystorePassword}={OperatorSecrets.Folder}/kafka-{KeystorePassword}"])),
            ("options", Y.Map(("labels", Cluster.Labels(BrokerTlsSecret)))));
        yield return Y.Map(
            ("name", Y.Str(CaSecret)),
            ("namespace", Y.Str(Cluster.Namespace)),
            ("files", Y.Strings([$"ca.crt={OperatorSecrets.Folder}/kafka-ca.crt"])),
            ("options", Y.Map(("labels", Cluster.Labels(CaSecret)))));
        foreach (var client in clients)
        {
            yield return OperatorSecrets.Generator(UserSecret(client), $"{UserSecret(client)}.env");
        }
    }

    public static IEnumerable<YamlNode> ConfigMapGenerators() =>
    [
        Y.Map(("name", Y.Str("kafka-jaas")), ("namespace", Y.Str(Cluster.Namespace)), ("literals", Y.Strings([$"jaas.conf={Jaas}"]))),
        Y.Map(("name", Y.Str(AccessContainer)), ("namespace", Y.Str(Cluster.Namespace)), ("files", Y.Strings(["access.sh=kafka/access.sh"]))),
    ];

    private static YamlMappingNode Value(string name, string value) => Y.Map(("name", Y.Str(name)), ("value", Y.Str(value)));

    private static YamlMappingNode FromSecret(string name, string secret, string key) =>
        Y.Map(("name", Y.Str(name)), ("valueFrom", Y.Map(("secretKeyRef", Y.Map(("name", Y.Str(secret)), ("key", Y.Str(key)))))));

    private static readonly Grant Nothing = new([], [], null);

    private sealed record Grant(string[] Write, string[] Read, string? GroupPrefix);
}
