using System.Xml.Linq;
using CrazyTrain.Deploy.Manifest;

namespace CrazyTrain.Deploy.Planning;

/// <summary>
/// Where the service images live and which tag the deployment pins. Read from <c>src/Directory.Build.props</c>,
/// the same properties <c>dotnet publish -t:PublishContainer</c> names the images with, so the two never disagree.
/// </summary>
internal sealed record ImageSettings(string Registry, string Namespace, string Tag)
{
    public const string RegistryProperty = "CrazyTrainImageRegistry";
    public const string NamespaceProperty = "CrazyTrainImageNamespace";
    public const string TagProperty = "CrazyTrainImageTag";
    private const string ProjectPrefix = "CrazyTrain.";

    public static ImageSettings FromProps(string propsPath)
    {
        var document = XDocument.Load(propsPath);
        string Read(string name) =>
            document.Descendants(name).Select(element => element.Value.Trim()).FirstOrDefault(value => value.Length > 0)
            ?? throw new ManifestException($"{propsPath} does not set <{name}>.");
        return new ImageSettings(Read(RegistryProperty), Read(NamespaceProperty), Read(TagProperty));
    }

    /// <summary>The repository a project publishes to: <c>CrazyTrain.Capture</c> becomes <c>crazytrain/capture</c>.</summary>
    public string RepositoryFor(string projectPath)
    {
        var project = Path.GetFileNameWithoutExtension(projectPath.Replace('\\', '/'));
        var shortName = project.StartsWith(ProjectPrefix, StringComparison.Ordinal) ? project[ProjectPrefix.Length..] : project;
        return $"{Namespace}/{shortName.ToLowerInvariant()}";
    }

    public string ImageFor(string projectPath) => $"{Registry}/{RepositoryFor(projectPath)}:{Tag}";

    /// <summary>An image reference without a tag or digest (or with <c>latest</c>) would move under a deployment.</summary>
    public static bool IsPinned(string image)
    {
        if (image.Contains("@sha256:", StringComparison.Ordinal))
        {
            return true;
        }

        var lastSegment = image[(image.LastIndexOf('/') + 1)..];
        var colon = lastSegment.LastIndexOf(':');
        return colon > 0 && colon < lastSegment.Length - 1 && lastSegment[(colon + 1)..] != "latest";
    }
}
