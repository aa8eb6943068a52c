using CrazyTrain.Deploy.Planning;
using CrazyTrain.Deploy.Yaml;
using YamlDotNet.RepresentationModel;

namespace CrazyTrain.Deploy.Generation;

/// <summary>
/// <c>overlays/edge</c>: the Jetson Orin beside the track. Real camera and hub, the GPU, arm64, Kafka on LVMS
/// storage, and the MicroShift security plumbing that lets exactly the pods that need devices have them.
/// </summary>
internal static class EdgeOverlayWriter
{
    public const string Folder = "overlays/edge";

    public static IEnumerable<GeneratedFile> Write(DeploymentPlan plan, ImageSettings images, string header)
    {
        var resources = new List<string> { "../../base", "security.yaml" };
        var patches = new List<YamlNode> { Y.Map(("path", Y.Str("namespace.yaml"))) };

        yield return File("namespace.yaml", header, NamespaceLabels());
        yield return File("security.yaml", header, SecurityContextConstraints(), ServiceAccount(), SccRole(), SccRoleBinding());

        if (plan.Workloads.Any(workload => EdgeProfile.For(workload.Name).Gpu))
        {
            resources.Add("runtime-class.yaml");
            yield return File("runtime-class.yaml", header, RuntimeClass());
        }

        var routes = plan.Workloads.SelectMany(workload =>
        {
            var exposed = workload.Ports.Where(port => port.External || (EdgeProfile.For(workload.Name).ServesPeople && port == workload.HttpPort)).ToList();
            return exposed.Select(port => Route(workload, port, single: exposed.Count == 1));
        }).ToList();
        if (routes.Count > 0)
        {
            resources.Add("routes.yaml");
            yield return File("routes.yaml", header, [.. routes]);
        }

        foreach (var workload in plan.Workloads)
        {
            patches.Add(Y.Map(("path", Y.Str($"patches/{workload.Name}.yaml"))));
            yield return File($"patches/{workload.Name}.yaml", header, WorkloadPatch(workload, images));

            if (StateClaim.For(workload) is { } state)
            {
                patches.Add(Y.Map(("path", Y.Str($"patches/{state.Name}-storage.yaml"))));
                yield return File($"patches/{state.Name}-storage.yaml", header, Y.Map(
                    ("apiVersion", Y.Str("v1")),
                    ("kind", Y.Str("PersistentVolumeClaim")),
                    ("metadata", Cluster.Target(state.Name)),
                    ("spec", Y.Map(("storageClassName", Y.Str(EdgeProfile.StorageClass))))));
            }

            if (workload.Kind == WorkloadKind.StatefulContainer)
            {
                patches.Add(Y.Map(
                    ("path", Y.Str($"patches/{workload.Name}-storage.yaml")),
                    ("target", Y.Map(("group", Y.Str("apps")), ("version", Y.Str("v1")), ("kind", Y.Str("StatefulSet")),
                        ("name", Y.Str(workload.Name)), ("namespace", Y.Str(Cluster.Namespace))))));
                yield return File($"patches/{workload.Name}-storage.yaml", header, StorageClassOps(workload));
            }
        }

        // SASL/SCRAM over TLS with an ACL per service, when the overlay runs the broker itself (KafkaAccess).
        var secretGenerators = new List<YamlNode>();
        var configMapGenerators = new List<YamlNode>();
        if (KafkaAccess.BrokerOf(plan) is { } broker)
        {
            var clients = KafkaAccess.Clients(plan);
            patches.Add(Y.Map(("path", Y.Str($"patches/{broker.Name}-security.yaml"))));
            yield return File($"patches/{broker.Name}-security.yaml", header, KafkaAccess.BrokerPatch(broker, clients));
            foreach (var client in clients.Select(name => plan.Find(name)!))
            {
                patches.Add(Y.Map(("path", Y.Str($"patches/{client.Name}-kafka-access.yaml"))));
                yield return File($"patches/{client.Name}-kafka-access.yaml", header, KafkaAccess.ClientPatch(client));
            }

            yield return new GeneratedFile($"{Folder}/kafka/access.sh", KafkaAccess.Script(clients, header));
            yield return OperatorSecrets.GitIgnore(Folder, header);
            secretGenerators.AddRange(KafkaAccess.SecretGenerators(clients));
            configMapGenerators.AddRange(KafkaAccess.ConfigMapGenerators());
        }

        if (OverlaySettings.Merge(plan, OverlaySettings.Hardware) is YamlSequenceNode merges)
        {
            configMapGenerators.InsertRange(0, merges.Children);
        }

        var jetsonImages = plan.Workloads.Where(workload => EdgeProfile.For(workload.Name).Gpu && workload.IsProject)
            .Select(workload => Y.Map(
                ("name", Y.Str(ImageName(workload.Image))),
                ("newName", Y.Str(ImageName(workload.Image) + EdgeProfile.JetsonImageSuffix))))
            .ToList();

        yield return File("kustomization.yaml", header, Cluster.Kustomization(
            ("resources", Y.Strings(resources)),
            ("patches", Y.Seq(patches)),
            ("configMapGenerator", configMapGenerators.Count > 0 ? Y.Seq(configMapGenerators) : null),
            ("secretGenerator", secretGenerators.Count > 0 ? Y.Seq(secretGenerators) : null),
            ("images", jetsonImages.Count > 0 ? Y.Seq(jetsonImages) : null)));
    }

    private static GeneratedFile File(string name, string header, params YamlNode[] documents) =>
        new($"{Folder}/{name}", YamlFile.Write(header, documents));

    /// <summary>The repository part of an image reference, which Kustomize's image transformer matches on.</summary>
    internal static string ImageName(string image)
    {
        var at = image.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            return image[..at];
        }

        var colon = image.LastIndexOf(':');
        return colon > image.LastIndexOf('/') ? image[..colon] : image;
    }

    private static YamlMappingNode NamespaceLabels() => Y.Map(
        ("apiVersion", Y.Str("v1")),
        ("kind", Y.Str("Namespace")),
        ("metadata", Y.Map(
            ("name", Y.Str(Cluster.Namespace)),
            ("labels", Y.Map(
                ("pod-security.kubernetes.io/enforce", Y.Str("privileged")),
                ("pod-security.kubernetes.io/audit", Y.Str("privileged")),
                ("pod-security.kubernetes.io/warn", Y.Str("privileged")),
                // Otherwise OpenShift's label syncer puts the namespace back to restricted.
                ("security.openshift.io/scc.podSecurityLabelSync", Y.Str("false")))))));

    private static YamlMappingNode SecurityContextConstraints() => Y.Map(
        ("apiVersion", Y.Str("security.openshift.io/v1")),
        ("kind", Y.Str("SecurityContextConstraints")),
        ("metadata", Cluster.Metadata(EdgeProfile.SecurityContextConstraints, namespaced: false)),
        ("allowPrivilegedContainer", Y.Bool(true)),
        ("allowPrivilegeEscalation", Y.Bool(true)),
        ("allowHostDirVolumePlugin", Y.Bool(true)),
        ("allowHostIPC", Y.Bool(false)),
        ("allowHostNetwork", Y.Bool(false)),
        ("allowHostPID", Y.Bool(false)),
        ("allowHostPorts", Y.Bool(false)),
        ("readOnlyRootFilesystem", Y.Bool(false)),
        ("runAsUser", Y.Map(("type", Y.Str("RunAsAny")))),
        ("seLinuxContext", Y.Map(("type", Y.Str("RunAsAny")))),
        ("fsGroup", Y.Map(("type", Y.Str("RunAsAny")))),
        ("supplementalGroups", Y.Map(("type", Y.Str("RunAsAny")))),
        ("seccompProfiles", Y.Strings(["*"])),
        ("volumes", Y.Strings(["configMap", "downwardAPI", "emptyDir", "hostPath", "persistentVolumeClaim", "projected", "secret"])),
        // Nobody gets it by user or group; only the ServiceAccount below, through its Role.
        ("users", Y.Seq()),
        ("groups", Y.Seq()));

    private static YamlMappingNode ServiceAccount() => Y.Map(
        ("apiVersion", Y.Str("v1")),
        ("kind", Y.Str("ServiceAccount")),
        ("metadata", Cluster.Metadata(EdgeProfile.ServiceAccount)));

    private static YamlMappingNode SccRole() => Y.Map(
        ("apiVersion", Y.Str("rbac.authorization.k8s.io/v1")),
        ("kind", Y.Str("Role")),
        ("metadata", Cluster.Metadata($"use-{EdgeProfile.SecurityContextConstraints}-scc")),
        ("rules", Y.Seq(Y.Map(
            ("apiGroups", Y.Strings(["security.openshift.io"])),
            ("resources", Y.Strings(["securitycontextconstraints"])),
            ("resourceNames", Y.Strings([EdgeProfile.SecurityContextConstraints])),
            ("verbs", Y.Strings(["use"]))))));

    private static YamlMappingNode SccRoleBinding() => Y.Map(
        ("apiVersion", Y.Str("rbac.authorization.k8s.io/v1")),
        ("kind", Y.Str("RoleBinding")),
        ("metadata", Cluster.Metadata($"use-{EdgeProfile.SecurityContextConstraints}-scc")),
        ("roleRef", Y.Map(
            ("apiGroup", Y.Str("rbac.authorization.k8s.io")),
            ("kind", Y.Str("Role")),
            ("name", Y.Str($"use-{EdgeProfile.SecurityContextConstraints}-scc")))),
        ("subjects", Y.Seq(Y.Map(
            ("kind", Y.Str("ServiceAccount")),
            ("name", Y.Str(EdgeProfile.ServiceAccount)),
            ("namespace", Y.Str(Cluster.Namespace))))));

    private static YamlMappingNode RuntimeClass() => Y.Map(
        ("apiVersion", Y.Str("node.k8s.io/v1")),
        ("kind", Y.Str("RuntimeClass")),
        ("metadata", Cluster.Metadata(EdgeProfile.RuntimeClass, namespaced: false)),
        ("handler", Y.Str(EdgeProfile.RuntimeClass)));

    private static YamlMappingNode Route(Workload workload, WorkloadPort port, bool single) => Y.Map(
        ("apiVersion", Y.Str("route.openshift.io/v1")),
        ("kind", Y.Str("Route")),
        ("metadata", Cluster.Metadata(single ? workload.Name : $"{workload.Name}-{port.Name}")),
        ("spec", Y.Map(
            ("to", Y.Map(("kind", Y.Str("Service")), ("name", Y.Str(workload.Name)), ("weight", Y.Num(100)))),
            ("port", Y.Map(("targetPort", Y.Str(port.Name)))),
            ("tls", Y.Map(("termination", Y.Str("edge")), ("insecureEdgeTerminationPolicy", Y.Str("Redirect")))))));

    private static YamlSequenceNode StorageClassOps(Workload workload) => Y.Seq(workload.Volumes.Select((_, index) => Y.Map(
        ("op", Y.Str("add")),
        ("path", Y.Str($"/spec/volumeClaimTemplates/{index}/spec/storageClassName")),
        ("value", Y.Str(EdgeProfile.StorageClass)))));

    private static YamlMappingNode WorkloadPatch(Workload workload, ImageSettings images)
    {
        var profile = EdgeProfile.For(workload.Name);
        var stateful = workload.Kind == WorkloadKind.StatefulContainer;

        var env = new List<YamlNode>();
        var mounts = new List<YamlNode>();
        var volumes = new List<YamlNode>();
        if (profile.Camera)
        {
            mounts.Add(Y.Map(("name", Y.Str("camera")), ("mountPath", Y.Str(EdgeProfile.CameraDevice))));
            volumes.Add(HostPath("camera", EdgeProfile.CameraDevice, "CharDevice"));
        }

        if (profile.Bluetooth)
        {
            env.Add(Variable("DBUS_SYSTEM_BUS_ADDRESS", EdgeProfile.DbusAddress));
            mounts.Add(Y.Map(("name", Y.Str("dbus")), ("mountPath", Y.Str(EdgeProfile.DbusFolder))));
            volumes.Add(HostPath("dbus", EdgeProfile.DbusFolder, "Directory"));
        }

        if (profile.Gpu)
        {
            env.Add(Variable("NVIDIA_VISIBLE_DEVICES", EdgeProfile.VisibleDevices));
            env.Add(Variable("NVIDIA_DRIVER_CAPABILITIES", "compute,utility"));
        }

        var container = Y.Map(
            ("name", Y.Str(workload.Name)),
            ("env", env.Count > 0 ? Y.Seq(env) : null),
            ("resources", profile.Gpu ? Y.Map(("limits", Y.Map((EdgeProfile.GpuResource, Y.Str("1"))))) : null),
            ("securityContext", profile.Privileged
                ? Y.Map(("privileged", Y.Bool(true)), ("allowPrivilegeEscalation", Y.Bool(true)), ("capabilities", Y.Null()))
                : null),
            ("volumeMounts", mounts.Count > 0 ? Y.Seq(mounts) : null));

        var podSecurity = profile.RunAsUser is { } user
            ? Y.Map(
                ("runAsNonRoot", Y.Bool(user != 0)),
                ("runAsUser", Y.Num(user)),
                ("fsGroup", stateful ? Y.Num(user) : null))
            : null;

        var podSpec = Y.Map(
            ("serviceAccountName", profile.NeedsServiceAccount ? Y.Str(EdgeProfile.ServiceAccount) : null),
            ("runtimeClassName", profile.Gpu ? Y.Str(EdgeProfile.RuntimeClass) : null),
            ("nodeSelector", Y.Map(("kubernetes.io/arch", Y.Str(EdgeProfile.Architecture)))),
            ("securityContext", podSecurity),
            // Whoever holds the hub's link gets the dead-man beside it (HubGuardSidecar says why there).
            ("initContainers", profile.Bluetooth ? Y.Seq(HubGuardSidecar.Container(workload, images)) : null),
            ("containers", container.Children.Count > 1 ? Y.Seq(container) : null),
            ("volumes", volumes.Count > 0 ? Y.Seq(volumes) : null));

        return Y.Map(
            ("apiVersion", Y.Str("apps/v1")),
            ("kind", Y.Str(stateful ? "StatefulSet" : "Deployment")),
            ("metadata", Cluster.Target(workload.Name)),
            ("spec", Y.Map(
                // One camera, one Bluetooth link: the old pod lets go before the new one takes them.
                ("strategy", profile.Privileged && !stateful ? Y.Map(("type", Y.Str("Recreate"))) : null),
                ("template", Y.Map(("spec", podSpec))))));
    }

    private static YamlMappingNode Variable(string name, string value) => Y.Map(("name", Y.Str(name)), ("value", Y.Str(value)));

    private static YamlMappingNode HostPath(string name, string path, string type) =>
        Y.Map(("name", Y.Str(name)), ("hostPath", Y.Map(("path", Y.Str(path)), ("type", Y.Str(type)))));
}
