using System.CommandLine;
using System.Text.Json;

namespace CrazyTrain.SignModel.Batch;

/// <summary>
/// <c>detect --input &lt;image-or-folder&gt; --output &lt;file.json&gt; [--model] [--threshold]</c>: the offline
/// batch mode used for evaluation. Exit code 0 once the report is written; 2 when the input or the model is
/// unusable.
/// </summary>
internal static class DetectCommand
{
    /// <summary>True when <paramref name="args"/> ask for this verb (the inference executable forwards them here).</summary>
    public static bool IsInvoked(string[] args) => args is ["detect", ..];

    /// <summary>Parses and runs <c>detect ...</c> on its own, for an executable that has no other verbs.</summary>
    public static Task<int> RunAsync(string[] args) =>
        new RootCommand("Detect signs in images with a CrazyTrain sign model.") { Create() }.Parse(args).InvokeAsync();

    public static Command Create()
    {
        var input = new Option<string>("--input", "-i") { Description = "An image, or a folder searched recursively for images (JPEG, PNG, WebP, BMP, TIFF, ...; judged by content, whatever the file name).", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "The JSON report to write.", Required = true };
        var threshold = new Option<float?>("--threshold", "-t") { Description = "Confidence threshold (default: the model's own)." };
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime intra-op threads.", DefaultValueFactory = _ => Math.Clamp(Environment.ProcessorCount, 1, 4) };

        var command = new Command("detect", "Detect signs in an image or a folder of images and write a JSON report.")
        {
            input, output, CliModel.Model, threshold, CliModel.Providers, threads,
        };
        command.SetAction(parse => Run(
            parse.GetRequiredValue(input),
            parse.GetRequiredValue(output),
            parse.GetValue(CliModel.Model)!,
            parse.GetValue(threshold),
            parse.GetValue(CliModel.Providers)!,
            parse.GetValue(threads)));
        return command;
    }

    internal static int Run(string input, string output, string model, float? threshold, string providers, int threads)
    {
        if (threshold is { } t && !(t is >= 0f and <= 1f))
        {
            Console.Error.WriteLine($"error: --threshold must be within 0..1, got {t}.");
            return 2;
        }

        if (threads < 1)
        {
            Console.Error.WriteLine("error: --threads must be at least 1.");
            return 2;
        }

        if (!File.Exists(input) && !Directory.Exists(input))
        {
            Console.Error.WriteLine($"error: input '{Path.GetFullPath(input)}' does not exist.");
            return 2;
        }

        using var loggers = CliModel.CreateLoggers();
        using var runtime = CliModel.Load(model, providers, threads, loggers);
        if (runtime is null)
        {
            return 2;
        }

        var images = BatchDetection.FindImages(input);
        if (images.Count == 0)
        {
            Console.Error.WriteLine($"warning: no images under '{Path.GetFullPath(input)}'.");
        }

        var entries = new List<ImageEntry>(images.Count);
        foreach (var (path, name) in images)
        {
            entries.Add(BatchDetection.Detect(runtime, path, name, threshold));
        }

        var card = runtime.Model.Card;
        var report = new
        {
            model = new
            {
                name = card.Name,
                version = card.Version,
                labels = card.Labels,
                input = new { width = card.Input.Width, height = card.Input.Height },
                threshold = threshold ?? card.Threshold,
                // Per-class thresholds apply only when the caller gave none.
                classThresholds = threshold is null ? card.ClassThresholds : null,
                executionProvider = runtime.Model.ExecutionProvider,
                file = runtime.Model.FilePath,
            },
            images = entries,
        };

        try
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(output));
            if (folder is not null)
            {
                Directory.CreateDirectory(folder);
            }

            using var stream = File.Create(output);
            JsonSerializer.Serialize(stream, report, SignModelJson.Indented);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: cannot write '{Path.GetFullPath(output)}': {ex.Message}");
            return 2;
        }

        var failed = entries.Count(e => e.Error is not null);
        var found = entries.Sum(e => e.Detections?.Count ?? 0);
        Console.Error.WriteLine(
            $"{entries.Count} image(s), {found} detection(s), {failed} unreadable; {card.Name} {card.Version} on {runtime.Model.ExecutionProvider} -> {Path.GetFullPath(output)}");
        foreach (var entry in entries.Where(e => e.Error is not null))
        {
            Console.Error.WriteLine($"  {entry.File}: {entry.Error}");
        }

        return 0;
    }
}
