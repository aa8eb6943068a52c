using CrazyTrain.Deploy.Manifest;
using CrazyTrain.Deploy.Planning;
using CrazyTrain.Deploy.Yaml;
using YamlDotNet.RepresentationModel;

namespace CrazyTrain.Deploy.Generation;

/// <summary>
/// <c>overlays/edge-external-kafka</c>: the edge, but talking to a cloud Kafka. It is the difference between two
/// publishes of the AppHost, the default one and one with <c>Kafka:Broker=External</c>: resources that became
/// parameters are removed, settings that became secret parameters come from Secrets, and each such Secret may
/// have a companion <c>&lt;parameter&gt;-tls</c> Secret (a private CA, client certificates) mounted read-only.
/// </summary>
internal static class ExternalBrokerOverlayWriter
{
    public const string Folder = "overlays/edge-external-kafka";
    public const string TlsFolder = "/etc/crazytrain";

    public static string TlsSecretFor(string parameter) => $"{parameter}-tls";

    public static string TlsMountFor(string parameter) => $"{TlsFolder}/{parameter}-tls";

    public static IEnumerable<GeneratedFile> Write(DeploymentPlan edge, DeploymentPlan external, string header)
    {
        var patches = new List<YamlNode>();
        var merges = new List<YamlNode>();

        foreach (var removed in edge.Workloads.Where(workload => external.Find(workload.Name) is null))
        {
            var kind = removed.Kind == WorkloadKind.StatefulContainer ? "StatefulSet" : "Deployment";
            patches.Add(Path($"remove/{removed.Name}-{kind.ToLowerInvariant()}.yaml"));
            yield return File($"remove/{removed.Name}-{kind.ToLowerInvariant()}.yaml", header, Delete("apps/v1", kind, removed.Name));
            if (removed.Ports.Count > 0)
            {
                patches.Add(Path($"remove/{removed.Name}-service.yaml"));
                yield return File($"remove/{removed.Name}-service.yaml", header, Delete("v1", "Service", removed.Name));
            }

            patches.Add(Path($"remove/{removed.ConfigMapName}.yaml"));
            yield return File($"remove/{removed.ConfigMapName}.yaml", header, Delete("v1", "ConfigMap", removed.ConfigMapName));

            patches.Add(Path($"remove/{removed.Name}-networkpolicy.yaml"));
            yield return File($"remove/{removed.Name}-networkpolicy.yaml", header, Delete("networking.k8s.io/v1", "NetworkPolicy", removed.Name));

            if (removed.ServiceAccountName is { } account)
            {
                var role = BaseWriter.NonRootRoleName(removed);
                foreach (var (file, apiVersion, objectKind, name) in new[]
                         {
                             ($"{removed.Name}-serviceaccount", "v1", "ServiceAccount", account),
                             ($"{removed.Name}-role", "rbac.authorization.k8s.io/v1", "Role", role),
                             ($"{removed.Name}-rolebinding", "rbac.authorization.k8s.io/v1", "RoleBinding", role),
                         })
                {
                    patches.Add(Path($"remove/{file}.yaml"));
                    yield return File($"remove/{file}.yaml", header, Delete(apiVersion, objectKind, name));
                }
            }
        }

        // The parameters that only the external publish has (the cloud broker's connection string) come from the operator's files.
        var newParameters = external.SecretParameters.Except(edge.SecretParameters, StringComparer.Ordinal).ToList();
        if (newParameters.Count > 0)
        {
            yield return OperatorSecrets.GitIgnore(Folder, header);
        }

        foreach (var workload in external.Workloads)
        {
            var before = edge.Find(workload.Name)
                ?? throw new InvalidOperationException($"'{workload.Name}' appears only when Kafka is external; the overlay cannot add workloads.");

            var secrets = workload.Secrets.Where(secret => !before.Secrets.Contains(secret)).ToList();
            if (secrets.Count > 0)
            {
                patches.Add(Path($"patches/{workload.Name}.yaml"));
                yield return File($"patches/{workload.Name}.yaml", header, SecretPatch(workload, secrets));
            }

            var settings = workload.Settings.ToDictionary(setting => setting.Key, setting => setting.Value, StringComparer.Ordinal);
            var gone = before.Settings.Where(setting => !settings.ContainsKey(setting.Key)).Select(setting => setting.Key).ToList();
            if (gone.Count > 0)
            {
                patches.Add(Path($"patches/{workload.ConfigMapName}.yaml"));
                yield return File($"patches/{workload.ConfigMapName}.yaml", header, RemoveSettings(workload, gone));
            }

            var changed = workload.Settings.Where(setting => !before.Settings.Contains(setting)).ToList();
            if (changed.Count > 0)
            {
                merges.Add(Y.Map(
                    ("name", Y.Str(workload.ConfigMapName)),
                    ("namespace", Y.Str(Cluster.Namespace)),
                    ("behavior", Y.Str("merge")),
                    ("literals", Y.Strings(changed.Select(setting => $"{setting.Key}={setting.Value}")))));
            }
        }

        // The edge broker's SCRAM users and CA mean nothing to a cloud broker; its clients lose them.
        if (KafkaAccess.BrokerOf(edge) is { } broker && external.Find(broker.Name) is null)
        {
            foreach (var client in KafkaAccess.Clients(edge).Select(name => edge.Find(name)!))
            {
                patches.Add(Path($"patches/{client.Name}-kafka-access.yaml"));
                yield return File($"patches/{client.Name}-kafka-access.yaml", header, KafkaAccess.ClientPatchRemoval(client));
            }
        }

        var brokerClients = edge.Workloads
            .Where(workload => workload.Calls.Any(name => external.Find(name) is null && edge.Find(name) is not null))
            .Select(workload => workload.Name)
            .ToList();
        if (brokerClients.Count > 0)
        {
            yield return File("network-policy.yaml", header, ExternalBrokerEgress(brokerClients));
        }

        yield return File("kustomization.yaml", header, Cluster.Kustomization(
            ("resources", Y.Strings([$"../{EdgeOverlayWriter.Folder.Split('/')[^1]}", .. brokerClients.Count > 0 ? ["network-policy.yaml"] : Array.Empty<string>()])),
            ("patches", patches.Count > 0 ? Y.Seq(patches) : null),
            ("configMapGenerator", merges.Count > 0 ? Y.Seq(merges) : null),
            ("secretGenerator", newParameters.Count > 0
                ? Y.Seq(newParameters.Select(parameter => OperatorSecrets.Generator(ManifestExpressions.SecretNameFor(parameter), $"{parameter}.env")))
                : null)));
    }

    private static GeneratedFile File(string name, string header, YamlNode document) =>
        new($"{Folder}/{name}", YamlFile.Write(header, [document]));

    private static YamlMappingNode Path(string path) => Y.Map(("path", Y.Str(path)));

    /// <summary>
    /// The cloud broker's address is in a Secret the generator never sees, so its clients may leave the cluster on the
    /// usual Kafka ports (9092-9094) to any address; a broker on another port needs a local policy beside this one.
    /// </summary>
    private static YamlMappingNode ExternalBrokerEgress(IReadOnlyList<string> clients) => Y.Map(
        ("apiVersion", Y.Str("networking.k8s.io/v1")),
        ("kind", Y.Str("NetworkPolicy")),
        ("metadata", Cluster.Metadata(ExternalBrokerPolicy)),
        ("spec", Y.Map(
            ("podSelector", Y.Map(("matchExpressions", Y.Seq(Y.Map(
                ("key", Y.Str(Cluster.NameLabel)),
                ("operator", Y.Str("In")),
                ("values", Y.Strings(clients))))))),
            ("policyTypes", Y.Strings(["Egress"])),
            ("egress", Y.Seq(Y.Map(("ports", Y.Seq(Y.Map(
                ("protocol", Y.Str("TCP")),
                ("port", Y.Num(ExternalBrokerPorts.First)),
                ("endPort", Y.Num(ExternalBrokerPorts.Last)))))))))));

    public const string ExternalBrokerPolicy = "external-kafka";

    public static readonly (int First, int Last) ExternalBrokerPorts = (9092, 9094);

    private static YamlMappingNode Delete(string apiVersion, string kind, string name) => Y.Map(
        ("$patch", Y.Str("delete")),
        ("apiVersion", Y.Str(apiVersion)),
        ("kind", Y.Str(kind)),
        ("metadata", Cluster.Target(name)));

    private static YamlMappingNode RemoveSettings(Workload workload, IEnumerable<string> keys) => Y.Map(
        ("apiVersion", Y.Str("v1")),
        ("kind", Y.Str("ConfigMap")),
        ("metadata", Cluster.Target(workload.ConfigMapName)),
        ("data", Y.Map([.. keys.Select(key => (key, (YamlNode?)Y.Null()))])));

    private static YamlMappingNode SecretPatch(Workload workload, IReadOnlyList<SecretSetting> secrets)
    {
        var parameters = secrets.Select(secret => secret.Parameter).Distinct().ToList();
        var container = Y.Map(
            ("name", Y.Str(workload.Name)),
            ("env", Y.Seq(secrets.Select(BaseWriter.SecretVariable))),
            ("volumeMounts", Y.Seq(parameters.Select(parameter => Y.Map(
                ("name", Y.Str(TlsSecretFor(parameter))),
                ("mountPath", Y.Str(TlsMountFor(parameter))),
                ("readOnly", Y.Bool(true)))))));

        return Y.Map(
            ("apiVersion", Y.Str("apps/v1")),
            ("kind", Y.Str(workload.Kind == WorkloadKind.StatefulContainer ? "StatefulSet" : "Deployment")),
            ("metadata", Cluster.Target(workload.Name)),
            ("spec", Y.Map(("template", Y.Map(("spec", Y.Map(
                ("containers", Y.Seq(container)),
                // Optional: a broker with a public certificate needs no CA of its own.
                ("volumes", Y.Seq(parameters.Select(parameter => Y.Map(
                    ("name", Y.Str(TlsSecretFor(parameter))),
                    ("secret", Y.Map(("secretName", Y.Str(TlsSecretFor(parameter))), ("optional", Y.Bool(true)))))))))))))));
    }
}
