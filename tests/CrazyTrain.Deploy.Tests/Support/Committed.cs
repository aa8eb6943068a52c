using CrazyTrain.Deploy.Generation;
using CrazyTrain.Deploy.Manifest;
using CrazyTrain.Deploy.Planning;

namespace CrazyTrain.Deploy.Tests.Support;

/// <summary>The committed inputs of the generator, as <c>deploy/generate.sh</c> passes them.</summary>
internal static class Committed
{
    public const string ManifestName = "deploy/aspire-manifest.json";
    public const string ExternalManifestName = "deploy/aspire-manifest.external-kafka.json";
    public const string PropsName = "src/Directory.Build.props";
    public const string OutputName = "deploy/microshift";

    public static string ManifestJson => File.ReadAllText(Repository.PathOf(ManifestName));

    public static string ExternalManifestJson => File.ReadAllText(Repository.PathOf(ExternalManifestName));

    public static ImageSettings Images => ImageSettings.FromProps(Repository.PathOf(PropsName));

    public static GeneratorInputs Inputs(string? manifestJson = null, string? externalManifestJson = null) => new(
        AspireManifest.Parse(manifestJson ?? ManifestJson),
        ManifestName,
        AspireManifest.Parse(externalManifestJson ?? ExternalManifestJson),
        ExternalManifestName,
        Images);
}
