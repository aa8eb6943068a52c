namespace CrazyTrain.Deploy.Manifest;

/// <summary>An environment value as the cluster gives it: plain text (a ConfigMap) or a key of a Secret.</summary>
internal abstract record ResolvedValue
{
    public sealed record Text(string Value) : ResolvedValue;

    /// <summary>A secret parameter: its value lives only in the cluster, in Secret <see cref="SecretName"/>.</summary>
    public sealed record SecretReference(string Parameter, string SecretName, string Key) : ResolvedValue;
}
