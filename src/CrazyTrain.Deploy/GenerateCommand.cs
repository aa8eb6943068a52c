using CrazyTrain.Deploy.Generation;
using CrazyTrain.Deploy.Manifest;
using CrazyTrain.Deploy.Planning;

namespace CrazyTrain.Deploy;

/// <summary>
/// <c>CrazyTrain.Deploy --manifest M [--external-kafka-manifest E] --props P --output D [--check]</c>.
/// Paths are taken as given and also printed in each file's header, so run it from the repository root
/// (<c>deploy/generate.sh</c> does). <c>--check</c> writes nothing and fails when <c>D</c> differs.
/// </summary>
internal static class GenerateCommand
{
    private const string Usage =
        "usage: CrazyTrain.Deploy --manifest <aspire-manifest.json> [--external-kafka-manifest <json>] --props <Directory.Build.props> --output <folder> [--check]";

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        Dictionary<string, string> options;
        bool check;
        try
        {
            (options, check) = Parse(args);
        }
        catch (ArgumentException exception)
        {
            error.WriteLine(exception.Message);
            error.WriteLine(Usage);
            return 2;
        }

        try
        {
            var external = options.GetValueOrDefault("--external-kafka-manifest");
            var inputs = new GeneratorInputs(
                AspireManifest.Parse(File.ReadAllText(options["--manifest"])),
                options["--manifest"],
                external is null ? null : AspireManifest.Parse(File.ReadAllText(external)),
                external ?? "",
                ImageSettings.FromProps(options["--props"]));
            var files = DeploymentGenerator.Generate(inputs);
            var folder = options["--output"];

            if (check)
            {
                var drift = Drift.Between(folder, files);
                foreach (var line in drift)
                {
                    error.WriteLine(line);
                }

                output.WriteLine(drift.Count == 0
                    ? $"{folder}: up to date ({files.Count} files)"
                    : $"{folder}: {drift.Count} difference(s); run {DeploymentGenerator.Command}");
                return drift.Count == 0 ? 0 : 1;
            }

            DeploymentGenerator.WriteTo(folder, files);
            output.WriteLine($"{folder}: wrote {files.Count} files");
            return 0;
        }
        catch (Exception exception) when (exception is ManifestException or IOException or System.Text.Json.JsonException or System.Xml.XmlException)
        {
            error.WriteLine($"CrazyTrain.Deploy: {exception.Message}");
            return 1;
        }
    }

    private static (Dictionary<string, string> Options, bool Check) Parse(string[] args)
    {
        string[] known = ["--manifest", "--external-kafka-manifest", "--props", "--output"];
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var check = false;
        for (var index = 0; index < args.Length; index++)
        {
            if (args[index] == "--check")
            {
                check = true;
                continue;
            }

            if (!known.Contains(args[index]))
            {
                throw new ArgumentException($"Unknown argument '{args[index]}'.");
            }

            if (index + 1 >= args.Length)
            {
                throw new ArgumentException($"{args[index]} needs a value.");
            }

            options[args[index]] = args[++index];
        }

        foreach (var required in new[] { "--manifest", "--props", "--output" }.Where(name => !options.ContainsKey(name)))
        {
            throw new ArgumentException($"{required} is required.");
        }

        return (options, check);
    }
}
