using CrazyTrain.Deploy.Generation;
using CrazyTrain.Deploy.Tests.Support;

namespace CrazyTrain.Deploy.Tests.Generator;

/// <summary>The command line deploy/generate.sh calls.</summary>
public sealed class GenerateCommandTests
{
    private static string[] Arguments(string output, params string[] extra) =>
    [
        "--manifest", Repository.PathOf(Committed.ManifestName),
        "--external-kafka-manifest", Repository.PathOf(Committed.ExternalManifestName),
        "--props", Repository.PathOf(Committed.PropsName),
        "--output", output, .. extra,
    ];

    [Fact]
    public void Generate_writes_the_tree_and_check_then_finds_it_up_to_date()
    {
        using var folder = new TempFolder();
        var output = new StringWriter();
        var error = new StringWriter();

        Assert.Equal(0, GenerateCommand.Run(Arguments(folder.Path), output, error));
        Assert.Equal(0, GenerateCommand.Run(Arguments(folder.Path, "--check"), output, error));
        Assert.True(File.Exists(folder["overlays/edge/kustomization.yaml"]));
        Assert.Contains("up to date", output.ToString());
        Assert.Equal("", error.ToString());
    }

    [Fact]
    public void Check_fails_and_names_each_stale_file()
    {
        using var folder = new TempFolder();
        GenerateCommand.Run(Arguments(folder.Path), TextWriter.Null, TextWriter.Null);
        File.WriteAllText(folder["base/kafka.yaml"], "edited by hand\n");
        var output = new StringWriter();
        var error = new StringWriter();

        Assert.Equal(1, GenerateCommand.Run(Arguments(folder.Path, "--check"), output, error));
        Assert.Contains("differs: base/kafka.yaml", error.ToString());
        Assert.Contains($"run {DeploymentGenerator.Command}", output.ToString());
    }

    [Theory]
    [InlineData(new[] { "--manifest" }, "--manifest needs a value")]
    [InlineData(new[] { "--colour", "red" }, "Unknown argument '--colour'")]
    [InlineData(new[] { "--manifest", "m.json", "--output", "out" }, "--props is required")]
    public void Bad_arguments_exit_2_with_the_reason_and_the_usage(string[] arguments, string reason)
    {
        var error = new StringWriter();

        Assert.Equal(2, GenerateCommand.Run(arguments, TextWriter.Null, error));
        Assert.Contains(reason, error.ToString());
        Assert.Contains("usage:", error.ToString());
    }

    [Fact]
    public void A_manifest_that_is_not_one_exits_1_with_a_clear_message_and_writes_nothing()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["not-a-manifest.json"], """{"name": "something else"}""");
        var error = new StringWriter();

        var exit = GenerateCommand.Run(
            ["--manifest", folder["not-a-manifest.json"], "--props", Repository.PathOf(Committed.PropsName), "--output", folder["out"]],
            TextWriter.Null, error);

        Assert.Equal(1, exit);
        Assert.Contains("no 'resources' object", error.ToString());
        Assert.False(Directory.Exists(folder["out"]));
    }
}
