using CrazyTrain.Deploy.Manifest;
using CrazyTrain.Deploy.Planning;
using CrazyTrain.Deploy.Yaml;
using YamlDotNet.RepresentationModel;

namespace CrazyTrain.Deploy.Generation;

/// <summary>
/// <c>base/</c>: everything the manifest says, nothing about a particular host. Containers run restricted
/// (non-root, no privilege escalation, no capabilities), which is what an unlabelled MicroShift namespace allows.
/// </summary>
internal static class BaseWriter
{
    public static IEnumerable<GeneratedFile> Write(DeploymentPlan plan, string header)
    {
        yield return new GeneratedFile("base/namespace.yaml", YamlFile.Write(header, [Namespace()]));
        foreach (var workload in plan.Workloads)
        {
            var documents = new List<YamlNode> { WorkloadObject(workload) };
            if (workload.Ports.Count > 0)
            {
                documents.Add(Service(workload));
            }

            if (workload.ServiceAccountName is { } account)
            {
                documents.AddRange(NonRootIdentity(workload, account));
            }

            if (StateClaim.For(workload) is { } state)
            {
                documents.Add(StateClaimObject(state));
            }

            yield return new GeneratedFile($"base/{workload.Name}.yaml", YamlFile.Write(header, documents));
        }

        if (plan.SecretParameters.Count > 0)
        {
            yield return OperatorSecrets.GitIgnore("base", header);
        }

        yield return new GeneratedFile("base/network-policy.yaml", YamlFile.Write(header, NetworkPolicies.For(plan)));

        yield return new GeneratedFile("base/kustomization.yaml", YamlFile.Write(header, [Kustomization(plan)]));
    }

    private static YamlMappingNode Kustomization(DeploymentPlan plan) => Cluster.Kustomization(
        ("resources", Y.Strings(["namespace.yaml", "network-policy.yaml", .. plan.Workloads.Select(workload => $"{workload.Name}.yaml")])),
        // Every secret parameter's Secret (the operator token) from the operator's env file: none is "created by nobody".
        ("secretGenerator", plan.SecretParameters.Count > 0
            ? Y.Seq(plan.SecretParameters.Select(parameter => OperatorSecrets.Generator(ManifestExpressions.SecretNameFor(parameter), $"{parameter}.env")))
            : null),
        // Generated ConfigMaps carry a hash of their content in the name, so a changed setting rolls the pods.
        ("configMapGenerator", Y.Seq(plan.Workloads.Select(workload => Y.Map(
            ("name", Y.Str(workload.ConfigMapName)),
            ("namespace", Y.Str(Cluster.Namespace)),
            ("options", Y.Map(("labels", Cluster.Labels(workload.Name)))),
            ("literals", Y.Strings(workload.Settings.Select(setting => $"{setting.Key}={setting.Value}"))))))));

    private static YamlMappingNode Namespace() => Y.Map(
        ("apiVersion", Y.Str("v1")),
        ("kind", Y.Str("Namespace")),
        ("metadata", Cluster.Metadata(Cluster.Namespace, namespaced: false)));

    private static YamlMappingNode WorkloadObject(Workload workload)
    {
        var stateful = workload.Kind == WorkloadKind.StatefulContainer;
        var spec = Y.Map(
            ("serviceName", stateful ? Y.Str(workload.Name) : null),
            ("replicas", Y.Num(1)),
            // One state folder, one writer: the old pod lets go of the claim before the new one mounts it.
            ("strategy", StateClaim.For(workload) is not null ? Y.Map(("type", Y.Str("Recreate"))) : null),
            ("revisionHistoryLimit", Y.Num(3)),
            ("selector", Y.Map(("matchLabels", Cluster.Selector(workload.Name)))),
            ("template", Y.Map(
                ("metadata", Y.Map(("labels", Cluster.Labels(workload.Name)))),
                ("spec", PodSpec(workload)))),
            ("volumeClaimTemplates", stateful ? Y.Seq(workload.Volumes.Select(Claim)) : null));

        return Y.Map(
            ("apiVersion", Y.Str("apps/v1")),
            ("kind", Y.Str(stateful ? "StatefulSet" : "Deployment")),
            ("metadata", Cluster.Metadata(workload.Name)),
            ("spec", spec));
    }

    private static YamlMappingNode PodSpec(Workload workload) => Y.Map(
        ("serviceAccountName", workload.ServiceAccountName is { } account ? Y.Str(account) : null),
        ("securityContext", Y.Map(
            ("runAsNonRoot", Y.Bool(true)),
            ("runAsUser", workload.RunAsUser is { } user ? Y.Num(user) : null),
            ("runAsGroup", workload.RunAsUser is { } group ? Y.Num(group) : null),
            // Volumes are made writable for the image's user.
            ("fsGroup", workload.RunAsUser is { } owner && workload.Volumes.Count > 0 ? Y.Num(owner) : null),
            ("seccompProfile", Y.Map(("type", Y.Str("RuntimeDefault")))))),
        ("terminationGracePeriodSeconds", Y.Num(30)),
        ("containers", Y.Seq(Container(workload))),
        ("volumes", StateClaim.For(workload) is { } state
            ? Y.Seq(Y.Map(("name", Y.Str(state.Name)), ("persistentVolumeClaim", Y.Map(("claimName", Y.Str(state.Name))))))
            : null));

    private static YamlMappingNode Container(Workload workload) => Y.Map(
    [
        ("name", Y.Str(workload.Name)),
        ("image", Y.Str(workload.Image)),
        ("imagePullPolicy", Y.Str("IfNotPresent")),
        ("command", workload.Entrypoint is { } entrypoint ? Y.Strings([entrypoint]) : null),
        ("args", workload.Args.Count > 0 ? Y.Strings(workload.Args) : null),
        ("ports", workload.Ports.Count > 0
            ? Y.Seq(workload.Ports.Select(port => Y.Map(
                ("name", Y.Str(port.Name)),
                ("containerPort", Y.Num(port.ContainerPort)),
                ("protocol", Y.Str("TCP")))))
            : null),
        ("envFrom", Y.Seq(Y.Map(("configMapRef", Y.Map(("name", Y.Str(workload.ConfigMapName))))))),
        ("env", workload.Secrets.Count > 0 ? Y.Seq(workload.Secrets.Select(SecretVariable)) : null),
        ("resources", Y.Map(
            ("requests", Y.Map(("cpu", Y.Str(workload.Size.CpuRequest)), ("memory", Y.Str(workload.Size.MemoryRequest)))),
            ("limits", Y.Map(("cpu", Y.Str(workload.Size.CpuLimit)), ("memory", Y.Str(workload.Size.MemoryLimit)))))),
        .. Probes.For(workload),
        ("securityContext", Y.Map(
            ("allowPrivilegeEscalation", Y.Bool(false)),
            ("capabilities", Y.Map(("drop", Y.Strings(["ALL"])))))),
        ("volumeMounts", VolumeMounts(workload) is { Count: > 0 } mounts ? Y.Seq(mounts) : null),
    ]);

    private static List<YamlNode> VolumeMounts(Workload workload)
    {
        var mounts = workload.Volumes.Select(volume => (YamlNode)Y.Map(
            ("name", Y.Str(volume.Name)),
            ("mountPath", Y.Str(volume.MountPath)),
            ("readOnly", volume.ReadOnly ? Y.Bool(true) : null))).ToList();
        if (StateClaim.For(workload) is { } state)
        {
            mounts.Add(Y.Map(("name", Y.Str(state.Name)), ("mountPath", Y.Str(state.MountPath))));
        }

        return mounts;
    }

    private static YamlMappingNode StateClaimObject(StateClaim state) => Y.Map(
        ("apiVersion", Y.Str("v1")),
        ("kind", Y.Str("PersistentVolumeClaim")),
        ("metadata", Cluster.Metadata(state.Name)),
        ("spec", Y.Map(
            ("accessModes", Y.Strings(["ReadWriteOnce"])),
            ("resources", Y.Map(("requests", Y.Map(("storage", Y.Str(StateClaim.Size)))))))));

    internal static YamlMappingNode SecretVariable(SecretSetting secret) => Y.Map(
        ("name", Y.Str(secret.Variable)),
        ("valueFrom", Y.Map(("secretKeyRef", Y.Map(("name", Y.Str(secret.SecretName)), ("key", Y.Str(secret.Key)))))));

    private static YamlMappingNode Claim(ClaimedVolume volume) => Y.Map(
        ("metadata", Y.Map(("name", Y.Str(volume.Name)))),
        ("spec", Y.Map(
            ("accessModes", Y.Strings(["ReadWriteOnce"])),
            ("resources", Y.Map(("requests", Y.Map(("storage", Y.Str(volume.Size)))))))));

    internal static string NonRootRoleName(Workload workload) => $"use-{ImageUser.NonRootScc}-scc-{workload.Name}";

    /// <summary>A ServiceAccount allowed OpenShift's nonroot-v2 SCC: a fixed non-zero UID, otherwise restricted.</summary>
    private static IEnumerable<YamlNode> NonRootIdentity(Workload workload, string account)
    {
        var role = NonRootRoleName(workload);
        yield return Y.Map(
            ("apiVersion", Y.Str("v1")),
            ("kind", Y.Str("ServiceAccount")),
            ("metadata", Cluster.Metadata(account)));
        yield return Y.Map(
            ("apiVersion", Y.Str("rbac.authorization.k8s.io/v1")),
            ("kind", Y.Str("Role")),
            ("metadata", Cluster.Metadata(role)),
            ("rules", Y.Seq(Y.Map(
                ("apiGroups", Y.Strings(["security.openshift.io"])),
                ("resources", Y.Strings(["securitycontextconstraints"])),
                ("resourceNames", Y.Strings([ImageUser.NonRootScc])),
                ("verbs", Y.Strings(["use"]))))));
        yield return Y.Map(
            ("apiVersion", Y.Str("rbac.authorization.k8s.io/v1")),
            ("kind", Y.Str("RoleBinding")),
            ("metadata", Cluster.Metadata(role)),
            ("roleRef", Y.Map(("apiGroup", Y.Str("rbac.authorization.k8s.io")), ("kind", Y.Str("Role")), ("name", Y.Str(role)))),
            ("subjects", Y.Seq(Y.Map(("kind", Y.Str("ServiceAccount")), ("name", Y.Str(account)), ("namespace", Y.Str(Cluster.Namespace))))));
    }

    private static YamlMappingNode Service(Workload workload) => Y.Map(
        ("apiVersion", Y.Str("v1")),
        ("kind", Y.Str("Service")),
        ("metadata", Cluster.Metadata(workload.Name)),
        ("spec", Y.Map(
            ("type", Y.Str("ClusterIP")),
            ("selector", Cluster.Selector(workload.Name)),
            ("ports", Y.Seq(workload.Ports.Select(port => Y.Map(
                ("name", Y.Str(port.Name)),
                ("port", Y.Num(port.ServicePort)),
                ("targetPort", Y.Str(port.Name)),
                ("protocol", Y.Str("TCP")))))))));
}
