using YamlDotNet.RepresentationModel;

namespace CrazyTrain.Deploy.Tests.Support;

/// <summary>Rendered multi-document YAML, read back as Kubernetes objects to assert on.</summary>
internal sealed class KubeObjects(IReadOnlyList<YamlMappingNode> objects)
{
    public IReadOnlyList<YamlMappingNode> All => objects;

    public static KubeObjects Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return new KubeObjects([.. stream.Documents.Select(document => document.RootNode).OfType<YamlMappingNode>()]);
    }

    public IEnumerable<YamlMappingNode> OfKind(string kind) => objects.Where(item => item.Text("kind") == kind);

    public YamlMappingNode Single(string kind, string name) =>
        Assert.Single(OfKind(kind), item => item.Path("metadata").Text("name") == name);

    public bool Has(string kind, string name) => OfKind(kind).Any(item => item.Path("metadata").Text("name") == name);

    /// <summary>Deployments and StatefulSets: whatever runs pods.</summary>
    public IEnumerable<YamlMappingNode> Workloads => objects.Where(item => item.Text("kind") is "Deployment" or "StatefulSet");

    public IEnumerable<(string Workload, YamlMappingNode Container)> Containers =>
        Workloads.SelectMany(workload => workload.Path("spec", "template", "spec").Items("containers")
            .Select(container => (workload.Path("metadata").Text("name")!, container)));
}

internal static class YamlNodes
{
    public static YamlMappingNode Path(this YamlMappingNode node, params string[] keys)
    {
        var current = node;
        foreach (var key in keys)
        {
            current = Assert.IsType<YamlMappingNode>(current.Children[new YamlScalarNode(key)]);
        }

        return current;
    }

    public static YamlMappingNode? TryPath(this YamlMappingNode node, params string[] keys)
    {
        var current = node;
        foreach (var key in keys)
        {
            if (!current.Children.TryGetValue(new YamlScalarNode(key), out var next) || next is not YamlMappingNode map)
            {
                return null;
            }

            current = map;
        }

        return current;
    }

    public static string? Text(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? (value as YamlScalarNode)?.Value : null;

    public static IReadOnlyList<YamlMappingNode> Items(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlSequenceNode sequence
            ? [.. sequence.Children.OfType<YamlMappingNode>()]
            : [];

    public static IReadOnlyList<string> Strings(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlSequenceNode sequence
            ? [.. sequence.Children.OfType<YamlScalarNode>().Select(scalar => scalar.Value ?? "")]
            : [];

    /// <summary>Every mapping anywhere below a node (for "is there any hostPath at all" questions).</summary>
    public static IEnumerable<YamlMappingNode> Descendants(this YamlNode node) => node switch
    {
        YamlMappingNode map => map.Children.Values.SelectMany(Descendants).Prepend(map),
        YamlSequenceNode sequence => sequence.Children.SelectMany(Descendants),
        _ => [],
    };
}
