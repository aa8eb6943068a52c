using CrazyTrain.Deploy.Generation;
using CrazyTrain.Deploy.Tests.Support;

namespace CrazyTrain.Deploy.Tests.Rendered;

/// <summary>
/// No Secret "created by nobody": every Secret a pod reads is rendered by its overlay, from the git-ignored files
/// <c>deploy/make-secrets.sh</c> makes; without them rendering fails naming the file, and no secret is committed.
/// </summary>
public sealed class OperatorSecretTests(RenderedOverlays overlays) : IClassFixture<RenderedOverlays>
{
    [Theory]
    [InlineData("simulation")]
    [InlineData("edge")]
    [InlineData("edge-external-kafka")]
    public void Every_Secret_a_pod_reads_is_rendered_by_the_overlay_itself(string overlay)
    {
        var rendered = overlays[overlay];
        var secrets = rendered.OfKind("Secret").Select(secret => secret.Path("metadata").Text("name")!).ToHashSet(StringComparer.Ordinal);

        var required = rendered.Workloads.SelectMany(workload => workload.Path("spec", "template", "spec").Descendants())
            .Select(node => node.TryPath("secretKeyRef")?.Text("name")
                ?? (node.TryPath("secret") is { } volume && volume.Text("optional") != "true" ? volume.Text("secretName") : null))
            .OfType<string>()
            .ToList();

        Assert.NotEmpty(required);
        Assert.All(required, name => Assert.Contains(name, secrets));
    }

    [Fact]
    public void The_operator_token_reaches_capture_controller_and_console_from_the_generated_Secret()
    {
        var edge = overlays["edge"];
        var token = Assert.Single(edge.OfKind("Secret"), secret => secret.Path("metadata").Text("name")!.StartsWith("operator-token-secret-", StringComparison.Ordinal));
        var value = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(token.Path("data").Text("value")!));
        Assert.True(value.Length >= 16, "the services refuse a token shorter than 16 characters");

        var readers = edge.Containers
            .Where(pair => pair.Container.Items("env").Any(variable =>
                variable.Text("name") == "CrazyTrain__OperatorToken" && variable.TryPath("valueFrom", "secretKeyRef")?.Text("name") == token.Path("metadata").Text("name")))
            .Select(pair => pair.Workload)
            .Order(StringComparer.Ordinal);
        Assert.Equal(["capture", "console", "controller"], readers);
    }

    [Fact]
    public async Task Without_the_operators_file_rendering_fails_naming_it()
    {
        using var tree = await InstalledTree.MakeAsync(withSecrets: false);

        var result = await Processes.RunAsync(Kubectl.Path!, ["kustomize", tree["overlays/edge"]], Repository.Root, TimeSpan.FromMinutes(1));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("secrets/operator-token.env", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_script_makes_owner_only_files_once_and_keeps_them_on_a_second_run()
    {
        using var tree = await InstalledTree.MakeAsync();
        var token = tree["base/secrets/operator-token.env"];
        var first = File.ReadAllText(token);

        var again = await InstalledTree.MakeSecretsAsync(tree.Root);

        Assert.Equal(0, again.ExitCode);
        Assert.Equal(first, File.ReadAllText(token));
        Assert.Matches("^value=[0-9a-f]{48}\n$", first);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(token));
    }

    [Theory]
    [InlineData("deploy/microshift/base/secrets/operator-token.env")]
    [InlineData("deploy/microshift/overlays/edge-external-kafka/secrets/kafka.env")]
    public async Task Git_ignores_the_operators_secret_files(string path)
    {
        var result = await Processes.RunAsync("git", ["check-ignore", "--no-index", path], Repository.Root, TimeSpan.FromMinutes(1));

        Assert.Equal(0, result.ExitCode);
        Assert.True(OperatorSecrets.IsOwnedByOperator(path["deploy/microshift/".Length..]));
    }

    [Fact]
    public void Regenerating_keeps_the_operators_secret_files_and_does_not_call_them_stale()
    {
        using var folder = new TempFolder();
        var files = DeploymentGenerator.Generate(Committed.Inputs());
        DeploymentGenerator.WriteTo(folder.Path, files);
        File.WriteAllText(folder["base/secrets/operator-token.env"], "value=kept-across-regeneration\n");

        DeploymentGenerator.WriteTo(folder.Path, files);

        Assert.Equal("value=kept-across-regeneration\n", File.ReadAllText(folder["base/secrets/operator-token.env"]));
        Assert.Empty(Drift.Between(folder.Path, files));
    }
}
