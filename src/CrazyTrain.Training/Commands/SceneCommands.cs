using System.CommandLine;
using CrazyTrain.Simulation.Dataset;
using CrazyTrain.Simulation.Scenes;
using Spectre.Console;

namespace CrazyTrain.Training.Commands;

/// <summary>Scene verbs: render a labelled dataset, render the capture stand-in's sample videos.</summary>
internal static partial class CommandCatalog
{
    static partial void AddSceneCommands(List<Command> commands)
    {
        commands.Add(RenderCommand());
        commands.Add(RenderSamplesCommand());
    }

    private static Command RenderCommand()
    {
        var output = new Option<DirectoryInfo>("--output", "-o") { Description = "Dataset folder to create (images/, labels/, annotations.jsonl, dataset.json)", Required = true };
        var count = new Option<int>("--count", "-n") { Description = "Number of images", DefaultValueFactory = _ => 1000 };
        var seed = new Option<long>("--seed") { Description = "Seed; the same seed and options give identical files", DefaultValueFactory = _ => 1 };
        var styles = new Option<string?>("--styles") { Description = $"Comma-separated scene styles (default: all training styles). Known: {string.Join(", ", SceneStyles.Names)}" };
        var heldOut = new Option<bool>("--held-out") { Description = $"Use the held-out styles for a test set ({string.Join(", ", SceneStyles.HeldOutNames)})" };
        var quality = new Option<int>("--jpeg-quality") { Description = "JPEG quality of the written images", DefaultValueFactory = _ => 92 };
        var threads = new Option<int>("--threads") { Description = "Rendering threads (output does not depend on it)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var force = new Option<bool>("--force") { Description = "Replace a dataset already in the output folder" };

        var command = new Command("render", "Render a labelled dataset of LEGO track scenes (YOLO labels + JSON annotations)")
        {
            output, count, seed, styles, heldOut, quality, threads, force,
        };
        command.SetAction(async (parse, ct) =>
        {
            var styleList = parse.GetValue(styles) is { Length: > 0 } s
                ? s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : parse.GetValue(heldOut) ? SceneStyles.HeldOutNames : null;
            if (parse.GetValue(styles) is { Length: > 0 } && parse.GetValue(heldOut))
            {
                AnsiConsole.MarkupLine("[red]Use either --styles or --held-out, not both.[/]");
                return 2;
            }

            var options = new DatasetRenderOptions
            {
                OutputDirectory = parse.GetValue(output)!.FullName,
                Count = parse.GetValue(count),
                Seed = parse.GetValue(seed),
                Styles = styleList,
                JpegQuality = parse.GetValue(quality),
                Parallelism = parse.GetValue(threads),
                Overwrite = parse.GetValue(force),
            };
            if (!options.Overwrite && File.Exists(Path.Combine(options.OutputDirectory, "dataset.json")))
            {
                AnsiConsole.MarkupLineInterpolated($"[red]render failed:[/] {options.OutputDirectory} already holds a dataset; pass --force to replace it.");
                return 2;
            }

            try
            {
                options.Validate();
                var summary = await RenderWithProgress(options, ct);
                PrintSummary(summary);
                return 0;
            }
            catch (Exception ex) when (ex is ArgumentException or IOException or UnauthorizedAccessException)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]render failed:[/] {ex.Message}");
                return 2;
            }
            catch (OperationCanceledException)
            {
                AnsiConsole.MarkupLine("[yellow]render cancelled; the folder is incomplete.[/]");
                return 130;
            }
        });
        return command;
    }

    private static async Task<DatasetRenderSummary> RenderWithProgress(DatasetRenderOptions options, CancellationToken ct)
    {
        DatasetRenderSummary? summary = null;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask($"rendering {options.Count} images", maxValue: options.Count);
                var progress = new Progress<int>(done => task.Value = Math.Max(task.Value, done));
                summary = await Task.Run(() => DatasetRenderer.Render(options, progress, ct), ct);
                task.Value = options.Count;
            });
        return summary!;
    }

    private static void PrintSummary(DatasetRenderSummary summary)
    {
        var table = new Table().AddColumn("label").AddColumn(new TableColumn("labelled boxes").RightAligned());
        foreach (var (label, n) in summary.LabelledObjects) table.AddRow(label, n.ToString());
        table.AddRow("[grey]distractor signs[/]", summary.DistractorObjects.ToString());
        table.AddRow("[grey]images without targets[/]", summary.ImagesWithoutTargets.ToString());
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"{summary.Count} images in {summary.OutputDirectory} ({summary.ImagesPerSecond:F1} images/s), styles: {string.Join(", ", summary.Styles)}");
        AnsiConsole.MarkupLineInterpolated($"content hash {summary.ContentHash}");
    }
}
