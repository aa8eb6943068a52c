using CrazyTrain.Deploy.Yaml;
using YamlDotNet.RepresentationModel;

namespace CrazyTrain.Deploy.Generation;

/// <summary>
/// Secrets the overlays make themselves, from files the operator creates once on the machine that installs them
/// (<c>./deploy/make-secrets.sh</c>): a Kustomize <c>secretGenerator</c> over an env file in a <c>secrets/</c> folder
/// that git ignores. So no workload refers to a Secret that nobody creates: without the file, rendering (and so
/// MicroShift's apply) fails naming it. The generator writes the folder's <c>.gitignore</c> and never writes,
/// deletes or reports as stale anything else in it.
/// </summary>
internal static class OperatorSecrets
{
    public const string Folder = "secrets";
    public const string Command = "./deploy/make-secrets.sh";

    /// <summary>Files under a <c>secrets/</c> folder belong to the operator, except the <c>.gitignore</c> the generator writes.</summary>
    public static bool IsOwnedByOperator(string relativePath)
    {
        var segments = relativePath.Replace('\\', '/').Split('/');
        return segments.Length >= 2 && segments[^2] == Folder && segments[^1] != ".gitignore";
    }

    /// <summary>An env file's Secret: <c>name</c>, its keys read from <c>secrets/&lt;file&gt;</c>; kustomize adds a content hash to the name.</summary>
    public static YamlMappingNode Generator(string secretName, string envFile) => Y.Map(
        ("name", Y.Str(secretName)),
        ("namespace", Y.Str(Cluster.Namespace)),
        ("envs", Y.Strings([$"{Folder}/{envFile}"])),
        ("options", Y.Map(("labels", Cluster.Labels(secretName)))));

    public static GeneratedFile GitIgnore(string overlayFolder, string header) => new(
        $"{overlayFolder}/{Folder}/.gitignore",
        string.Concat(header.Split('\n').Select(line => $"# {line}\n"))
        + $"# The operator's secrets ({Command}): kept on the installing machine, never committed.\n*\n!.gitignore\n");
}
