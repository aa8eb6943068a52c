using CrazyTrain.Deploy.Yaml;
using YamlDotNet.RepresentationModel;

namespace CrazyTrain.Deploy.Generation;

/// <summary>Names and labels shared by the base and every overlay.</summary>
internal static class Cluster
{
    public const string Namespace = "crazytrain";
    public const string PartOf = "crazytrain";
    public const string NameLabel = "app.kubernetes.io/name";

    public static YamlMappingNode Metadata(string name, bool namespaced = true) => Y.Map(
        ("name", Y.Str(name)),
        ("namespace", namespaced ? Y.Str(Namespace) : null),
        ("labels", Labels(name)));

    /// <summary>Only what a patch needs to find its target.</summary>
    public static YamlMappingNode Target(string name) => Y.Map(("name", Y.Str(name)), ("namespace", Y.Str(Namespace)));

    public static YamlMappingNode Labels(string name) => Y.Map(
        (NameLabel, Y.Str(name)),
        ("app.kubernetes.io/part-of", Y.Str(PartOf)),
        ("app.kubernetes.io/managed-by", Y.Str("crazytrain-deploy")));

    public static YamlMappingNode Selector(string name) => Y.Map((NameLabel, Y.Str(name)));

    public static YamlMappingNode Kustomization(params (string Key, YamlNode? Value)[] entries) =>
        Y.Map([("apiVersion", Y.Str("kustomize.config.k8s.io/v1beta1")), ("kind", Y.Str("Kustomization")), .. entries]);
}
