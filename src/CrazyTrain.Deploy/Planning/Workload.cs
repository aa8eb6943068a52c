namespace CrazyTrain.Deploy.Planning;

/// <summary>
/// One manifest resource as it will run in the cluster: what the base's YAML is written from. <see cref="Calls"/> are
/// the other workloads its settings reference (a connection string, an endpoint URL): the wiring the NetworkPolicy opens.
/// </summary>
internal sealed record Workload(
    string Name,
    WorkloadKind Kind,
    string Image,
    string? Entrypoint,
    IReadOnlyList<string> Args,
    IReadOnlyList<WorkloadPort> Ports,
    IReadOnlyList<KeyValuePair<string, string>> Settings,
    IReadOnlyList<SecretSetting> Secrets,
    IReadOnlyList<ClaimedVolume> Volumes,
    WorkloadSize Size,
    int? RunAsUser,
    IReadOnlyList<string> Calls)
{
    public bool IsProject => Kind == WorkloadKind.Project;

    public string ConfigMapName => $"{Name}-env";

    /// <summary>Set for containers that must run as their image's own user (see <see cref="ImageUser"/>).</summary>
    public string? ServiceAccountName => RunAsUser is null ? null : Name;

    public WorkloadPort? HttpPort => Ports.FirstOrDefault(port => port.Scheme == "http");
}

internal enum WorkloadKind
{
    /// <summary>A .NET service: a Deployment probed on <c>/alive</c> and <c>/health</c>.</summary>
    Project,

    /// <summary>A container without state: a Deployment probed on its first port.</summary>
    Container,

    /// <summary>A container with named volumes: a StatefulSet whose volumes are claims that outlive the pod.</summary>
    StatefulContainer,
}

/// <summary>An environment variable whose value comes from a Secret the operator creates.</summary>
internal sealed record SecretSetting(string Variable, string Parameter, string SecretName, string Key);

internal sealed record ClaimedVolume(string Name, string MountPath, bool ReadOnly, string Size);
