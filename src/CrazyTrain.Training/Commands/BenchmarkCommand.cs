using System.CommandLine;
using CrazyTrain.SignModel.Batch;
using CrazyTrain.SignModel.Benchmarking;
using CrazyTrain.SignModel.Metadata;
using CrazyTrain.SignModel.Runtime;
using CrazyTrain.Signs;
using CrazyTrain.Training.Model;
using CrazyTrain.Training.Native;
using CrazyTrain.Training.Onnx;

namespace CrazyTrain.Training.Commands;

/// <summary>
/// <c>benchmark</c>: per-frame latency of decode + preprocess + inference + box decoding through the sign model
/// library, repeated, with mean/p50/p90/p99/max per stage, thread CPU time and the bytes allocated per frame.
/// Numbers go to stdout and, as JSON, to <c>--output</c>. The live pipeline at a fixed frame rate (the service's
/// sustained run) is measured by benchmarks/CrazyTrain.Inference.Benchmarks, next to the pipeline it drives.
/// </summary>
internal static class BenchmarkCommand
{
    public static Command Create()
    {
        var model = new Option<string?>("--model", "-m") { Description = $"The ONNX model (default: the shipped {ModelLocator.DefaultModelPath}; with --shape and no --model an untrained network of that shape)." };
        var shape = new Option<string?>("--shape") { Description = "Export and time an untrained network of this shape (standard or tiny) instead of a model file." };
        var image = new Option<string?>("--image") { Description = "One image to time (default: synthetic 640x480 camera-like JPEGs)." };
        var images = new Option<DirectoryInfo?>("--images") { Description = "A folder of images to time, taken in name order (at most 64)." };
        var iterations = new Option<int>("--iterations", "--frames") { Description = "Measured frames.", DefaultValueFactory = _ => 500 };
        var warmup = new Option<int>("--warmup") { Description = "Frames run before measuring.", DefaultValueFactory = _ => 30 };
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime intra-op threads.", DefaultValueFactory = _ => 1 };
        var output = new Option<string?>("--output", "-o") { Description = "Write the numbers as JSON here." };
        var command = new Command("benchmark", "Measure per-frame latency (decode + preprocess + inference + box decoding) on this machine.")
        {
            model, shape, CliModel.Providers, image, images, iterations, warmup, threads, output,
        };
        command.SetAction(parse => Run(
            parse.GetValue(model), parse.GetValue(shape), parse.GetValue(CliModel.Providers)!, parse.GetValue(image), parse.GetValue(images),
            parse.GetValue(iterations), parse.GetValue(warmup), parse.GetValue(threads), parse.GetValue(output)));
        return command;
    }

    private static int Run(
        string? model, string? shape, string providers, string? imagePath, DirectoryInfo? folder, int iterations, int warmup, int threads, string? output)
    {
        if (iterations < 10 || warmup < 0 || threads < 1)
        {
            Console.Error.WriteLine("error: need --iterations >= 10, --warmup >= 0, --threads >= 1.");
            return 2;
        }

        var (frames, source) = Frames(imagePath, folder);
        var modelPath = model ?? (shape is null ? ModelLocator.DefaultModelPath : ExportUntrained(shape));
        using var loggers = CliModel.CreateLoggers();
        using var runtime = CliModel.Load(modelPath, providers, threads, loggers);
        if (runtime is null)
        {
            return 2;
        }

        var json = LatencyBenchmark.Run(runtime, frames, source, threads, iterations, warmup).ToJson();
        Console.WriteLine(json);
        if (output is not null)
        {
            File.WriteAllText(output, json);
        }

        return 0;
    }

    private static (IReadOnlyList<byte[]> Frames, string Source) Frames(string? imagePath, DirectoryInfo? folder)
    {
        if (imagePath is not null)
        {
            return ([File.ReadAllBytes(imagePath)], imagePath);
        }

        if (folder is null)
        {
            return (LatencyBenchmark.SyntheticFrames(16, seed: 1), "synthetic 640x480");
        }

        var files = BatchDetection.FindImages(folder.FullName).Take(64).Select(i => File.ReadAllBytes(i.Path)).ToList();
        return files.Count == 0
            ? throw new ArgumentException($"No images under '{folder.FullName}'.")
            : (files, folder.FullName);
    }

    private static string ExportUntrained(string shapeName)
    {
        TorchNative.EnsureLoadable();
        using var net = new SignDetectorNet(DetectorShape.Named(shapeName), SignCatalogue.Labels.Count);
        var provenance = new ModelProvenance { Command = "benchmark (untrained)", Seed = 0, DatasetHash = "none", Commit = "none", TrainedAt = DateTime.UtcNow.ToString("O") };
        var path = Path.Combine(Path.GetTempPath(), $"crazytrain-benchmark-{shapeName}.onnx");
        File.WriteAllBytes(path, OnnxExporter.Export(net, DetectorCard.Create(SignCatalogue.Labels, provenance)));
        return path;
    }
}
