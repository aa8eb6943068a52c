using System.CommandLine;
using CrazyTrain.Signs;
using CrazyTrain.Training.Benchmarking;
using CrazyTrain.Training.Model;
using CrazyTrain.Training.Native;
using CrazyTrain.Training.Onnx;
using Spectre.Console;

namespace CrazyTrain.Training.Commands;

/// <summary><c>benchmark</c>: per-frame latency of decode + preprocess + inference + box decoding on N threads.</summary>
internal static class BenchmarkCommand
{
    public static Command Create()
    {
        var model = new Option<FileInfo?>("--model") { Description = "ONNX model to time; without it an untrained network of --shape is exported and timed." };
        var shape = new Option<string>("--shape") { Description = "Network shape for the untrained model: standard or tiny.", DefaultValueFactory = _ => "standard" };
        var images = new Option<DirectoryInfo?>("--images") { Description = "Folder of JPEG frames to decode; default: synthetic 640x480 frames." };
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime intra-op threads.", DefaultValueFactory = _ => 1 };
        var frames = new Option<int>("--frames") { Description = "Frames to time.", DefaultValueFactory = _ => 200 };
        var output = new Option<FileInfo?>("--output") { Description = "Write the numbers as JSON here." };
        var command = new Command("benchmark", "Time JPEG decode + preprocess + ONNX inference + box decoding per 640x480 frame.")
        {
            model, shape, images, threads, frames, output,
        };
        command.SetAction(parse =>
        {
            var modelPath = parse.GetValue(model)?.FullName ?? ExportUntrained(parse.GetValue(shape)!);
            var folder = parse.GetValue(images);
            var jpegs = folder is null
                ? LatencyBenchmark.SyntheticFrames(16, seed: 1)
                : folder.EnumerateFiles("*.jpg", SearchOption.AllDirectories).OrderBy(f => f.FullName, StringComparer.Ordinal).Take(64).Select(f => File.ReadAllBytes(f.FullName)).ToList();
            if (jpegs.Count == 0)
            {
                throw new InvalidOperationException($"No .jpg files under '{folder?.FullName}'.");
            }

            var count = parse.GetValue(frames);
            LatencyReport report = null!;
            AnsiConsole.Progress().Start(context =>
            {
                var task = context.AddTask("timing frames", maxValue: count);
                report = LatencyBenchmark.Run(modelPath, jpegs, parse.GetValue(threads), count, warmup: 20, new Progress<int>(n => task.Increment(n)));
            });
            var json = report.ToJson();
            Console.WriteLine(json);
            if (parse.GetValue(output) is { } file)
            {
                File.WriteAllText(file.FullName, json);
            }

            return 0;
        });
        return command;
    }

    private static string ExportUntrained(string shapeName)
    {
        TorchNative.EnsureLoadable();
        using var net = new SignDetectorNet(DetectorShape.Named(shapeName), SignCatalogue.Labels.Count);
        var description = new ModelDescription
        {
            Labels = SignCatalogue.Labels,
            Provenance = new Provenance { Command = "benchmark (untrained)", Seed = 0, DatasetHash = "none", Commit = "none", TrainedAt = DateTime.UtcNow.ToString("O") },
        };
        var path = Path.Combine(Path.GetTempPath(), $"crazytrain-benchmark-{shapeName}.onnx");
        File.WriteAllBytes(path, OnnxExporter.Export(net, description));
        return path;
    }
}
