using CrazyTrain.Deploy.Generation;

namespace CrazyTrain.Deploy.Tests.Support;

/// <summary>
/// The committed <c>deploy/microshift</c> as the installing machine has it: copied into a temporary folder (without any
/// secret file of this checkout) and completed with the operator's secrets by the real <c>deploy/make-secrets.sh</c>.
/// </summary>
internal sealed class InstalledTree : IDisposable
{
    private readonly TempFolder _folder = new();

    private InstalledTree()
    {
    }

    public const string ExternalKafkaEnv = "overlays/edge-external-kafka/secrets/kafka.env";

    public const string ExternalConnectionString =
        "bootstrap.servers=broker.example.com:9093;security.protocol=SASL_SSL;sasl.mechanism=SCRAM-SHA-512;sasl.username=train;sasl.password=pw";

    public string Root => _folder["microshift"];

    public string this[string relative] => Path.Combine(Root, relative);

    /// <summary>A copy of the committed tree; with <paramref name="withSecrets"/> the script has made its secrets.</summary>
    public static async Task<InstalledTree> MakeAsync(bool withSecrets = true)
    {
        var tree = new InstalledTree();
        var source = Repository.PathOf(Committed.OutputName);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories)
                     .Where(file => !OperatorSecrets.IsOwnedByOperator(Path.GetRelativePath(source, file))))
        {
            var destination = Path.Combine(tree.Root, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        if (withSecrets)
        {
            await AddSecretsAsync(tree.Root);
        }

        return tree;
    }

    /// <summary>What the operator does once in a generated tree: the script, and the cloud broker's connection string.</summary>
    public static async Task AddSecretsAsync(string root)
    {
        var result = await MakeSecretsAsync(root);
        Assert.True(result.ExitCode == 0, $"deploy/make-secrets.sh failed: {result.Output}{result.Error}");

        // The cloud broker's connection string is the operator's to write (docs/deploy.md); the script cannot know it.
        File.WriteAllText(Path.Combine(root, ExternalKafkaEnv), $"value={ExternalConnectionString}\n");
    }

    public static Task<ProcessResult> MakeSecretsAsync(string folder) =>
        Processes.RunAsync("bash", [Repository.PathOf("deploy/make-secrets.sh"), folder], Repository.Root, TimeSpan.FromMinutes(1));

    public void Dispose() => _folder.Dispose();
}
