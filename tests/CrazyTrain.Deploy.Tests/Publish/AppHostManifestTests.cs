using System.Text.RegularExpressions;
using CrazyTrain.Deploy.Tests.Support;

namespace CrazyTrain.Deploy.Tests.Publish;

/// <summary>
/// The committed manifests must be what the AppHost publishes today; together with the generator test this closes
/// the loop AppHost -> manifest -> deploy/microshift. Publishing runs the real AppHost (about 30 s each here when
/// the AppHost is already built, a few minutes when it is not).
/// </summary>
public sealed partial class AppHostManifestTests
{
    /// <summary>Filter it out for a quick run: <c>dotnet test tests/CrazyTrain.Deploy.Tests --filter Category!=AppHostPublish</c>.</summary>
    [Fact]
    [Trait("Category", "AppHostPublish")]
    public async Task The_committed_manifests_are_what_the_AppHost_publishes_now()
    {
        using var folder = new TempFolder();
        var dotnet = Processes.FindOnPath("dotnet") ?? throw new InvalidOperationException("dotnet is not on PATH.");

        var published = new Dictionary<string, string>();
        foreach (var (name, extra, build) in new[]
                 {
                     (Committed.ManifestName, Array.Empty<string>(), true),
                     (Committed.ExternalManifestName, ["--Kafka:Broker=External"], false),
                 })
        {
            var output = folder[Path.GetFileName(name)];
            string[] arguments =
            [
                "run", "--project", "src/CrazyTrain.AppHost", "--no-launch-profile", .. build ? Array.Empty<string>() : ["--no-build"],
                "--", "--publisher", "manifest", "--output-path", output, .. extra,
            ];
            var result = await Processes.RunAsync(dotnet, arguments, Repository.Root, TimeSpan.FromMinutes(8));
            Assert.True(result.ExitCode == 0 && File.Exists(output), $"publishing the AppHost failed:\n{result.Output}\n{result.Error}");

            // Project paths are written relative to the manifest's folder; compare them as if it sat in deploy/.
            published[name] = ProjectPath().Replace(File.ReadAllText(output), "\"path\": \"../src/");
        }

        foreach (var (name, text) in published)
        {
            Assert.True(File.ReadAllText(Repository.PathOf(name)) == text, $"{name} is stale; run ./deploy/generate.sh and commit the result.");
        }
    }

    [GeneratedRegex("\"path\": \"[^\"]*src/")]
    private static partial Regex ProjectPath();
}
