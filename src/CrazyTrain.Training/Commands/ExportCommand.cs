using System.CommandLine;
using System.Text.Json;
using CrazyTrain.SignModel.Metadata;
using CrazyTrain.Training.Evaluation;
using CrazyTrain.Training.Model;
using CrazyTrain.Training.Onnx;
using CrazyTrain.Training.Reading;
using CrazyTrain.Training.Training;
using Spectre.Console;

namespace CrazyTrain.Training.Commands;

/// <summary><c>export</c>: writes a run's network as a self-describing ONNX model (contract: docs/contracts.md).</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var run = new Option<DirectoryInfo>("--run") { Description = "Training run folder (model.pt + checkpoint.json).", Required = true };
        var output = new Option<FileInfo>("--output") { Description = "ONNX file to write.", Required = true };
        var threshold = new Option<double>("--threshold") { Description = "Operating threshold written into the metadata.", DefaultValueFactory = _ => 0.4 };
        var version = new Option<string>("--version") { Description = "Model version.", DefaultValueFactory = _ => "1.0.0" };
        var metrics = new Option<FileInfo?>("--metrics") { Description = "An evaluate report (JSON) whose numbers go into the metadata." };
        var reader = new Option<DirectoryInfo[]>("--reader") { Description = "A train-reader run folder: its sign reader goes into the graph as the second stage (repeat it for an ensemble whose readings are averaged)." };
        var classAgnostic = new Option<bool>("--class-agnostic-nms") { Description = "Tell inference to suppress overlapping boxes across classes." };
        var command = new Command("export", "Export a trained run to ONNX with the crazytrain.model metadata.") { run, output, threshold, version, metrics, reader, classAgnostic };
        command.SetAction(parse =>
        {
            var report = parse.GetValue(metrics) is { } file
                ? JsonSerializer.Deserialize<EvaluationReport>(File.ReadAllText(file.FullName), EvaluationReport.Json)
                : null;
            var path = parse.GetValue(output)!.FullName;
            Export(parse.GetValue(run)!.FullName, path, parse.GetValue(threshold), parse.GetValue(version)!, ModelMetrics.From(report), classAgnostic: parse.GetValue(classAgnostic), readerFolders: parse.GetValue(reader)?.Select(f => f.FullName).ToList());
            AnsiConsole.MarkupLineInterpolated($"[green]exported[/] {path} ({new FileInfo(path).Length / 1024} KiB)");
            return 0;
        });
        return command;
    }

    /// <param name="command">The command that reproduces the model; default: the training command of the run.</param>
    /// <param name="readerFolders">Reader run folders whose readers become the graph's second stage (null or none: the detector alone).</param>
    public static ModelCard Export(
        string runFolder, string output, double threshold, string version, IReadOnlyDictionary<string, double> metrics, string? command = null, bool classAgnostic = false,
        IReadOnlyList<string>? readerFolders = null, IReadOnlyDictionary<string, double>? classThresholds = null, bool keepUnreadScores = false)
    {
        using var net = Trainer.LoadNet(runFolder, out var checkpoint);
        var readers = (readerFolders ?? []).Select(ReaderTrainer.Load).ToList();
        var provenance = new ModelProvenance
        {
            Command = command ?? checkpoint.Command,
            Seed = checkpoint.Options.Seed,
            DatasetHash = checkpoint.DatasetHash,
            Commit = checkpoint.Commit,
            TrainedAt = checkpoint.TrainedAt,
        };
        var description = DetectorCard.Create(checkpoint.Labels, provenance) with
        {
            Version = version,
            Threshold = (float)threshold,
            ClassThresholds = classThresholds is { Count: > 0 } ? classThresholds.ToDictionary(t => t.Key, t => (float)t.Value) : null,
            Nms = new NmsSettings { ClassAgnostic = classAgnostic },
            Metrics = metrics,
        };
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        try
        {
            File.WriteAllBytes(output, OnnxExporter.Export(net, description, readers, keepUnreadScores));
        }
        finally
        {
            foreach (var reader in readers)
            {
                reader.Dispose();
            }
        }

        return description;
    }
}
