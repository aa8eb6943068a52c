using System.CommandLine;
using CrazyTrain.Training.Evaluation;
using Spectre.Console;

namespace CrazyTrain.Training.Commands;

/// <summary><c>evaluate</c>: AP@0.5 per class, mAP, P/R at the threshold, by size, distractor confusion.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var model = new Option<FileInfo>("--model") { Description = "ONNX model with crazytrain.model metadata.", Required = true };
        var data = new Option<DirectoryInfo>("--data") { Description = "Labelled folder (images/ + labels/, optional annotations.jsonl).", Required = true };
        var threshold = new Option<double?>("--threshold") { Description = "One operating threshold for every class; default: the model's own (its per-class thresholds included)." };
        var output = new Option<FileInfo?>("--output") { Description = "Write the report as JSON here." };
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime threads.", DefaultValueFactory = _ => 2 };
        var command = new Command("evaluate", "Evaluate an ONNX model on a labelled folder.") { model, data, threshold, output, threads };
        command.SetAction(parse =>
        {
            var report = Evaluate(parse.GetValue(model)!.FullName, parse.GetValue(data)!.FullName, parse.GetValue(threshold), parse.GetValue(threads));
            Print(report);
            if (parse.GetValue(output) is { } file)
            {
                File.WriteAllText(file.FullName, report.ToJson());
            }

            return 0;
        });
        return command;
    }

    public static EvaluationReport Evaluate(string model, string data, double? threshold, int threads)
    {
        var count = Directory.Exists(Path.Combine(data, "images")) ? Directory.GetFiles(Path.Combine(data, "images")).Length : 0;
        EvaluationReport report = null!;
        AnsiConsole.Progress().Start(context =>
        {
            var task = context.AddTask("evaluating", maxValue: Math.Max(1, count));
            report = FolderEvaluator.Evaluate(model, data, threshold, new Progress<int>(n => task.Increment(n)), threads);
        });
        return report;
    }

    public static void Print(EvaluationReport report)
    {
        var table = new Table().AddColumns("class", "boxes", "AP@0.5", "precision", "recall");
        foreach (var c in report.Classes)
        {
            table.AddRow(c.Label, $"{c.GroundTruth}", $"{c.Ap50:F3}", $"{c.Precision:F3}", $"{c.Recall:F3}");
        }

        table.AddRow("[bold]all[/]", $"{report.Classes.Sum(c => c.GroundTruth)}", $"[bold]{report.Map50:F3}[/]", $"{report.Precision:F3}", $"{report.Recall:F3}");
        AnsiConsole.Write(table);
        var sizes = new Table().AddColumns("width", "boxes", "AP@0.5", "recall");
        foreach (var s in report.Sizes)
        {
            sizes.AddRow(s.Bucket, $"{s.GroundTruth}", $"{s.Ap50:F3}", $"{s.Recall:F3}");
        }

        AnsiConsole.Write(sizes);
        if (report.Distractors is { } d)
        {
            AnsiConsole.MarkupLineInterpolated($"distractors detected as a target: {d.DetectedAsTarget}/{d.Distractors} = {d.ConfusionRate:P2}");
        }

        var own = report.ClassThresholds is { Count: > 0 } t ? $" ({string.Join(", ", t.Select(c => $"{c.Key} {c.Value:0.##}"))})" : "";
        AnsiConsole.MarkupLineInterpolated($"images {report.Images}, threshold {report.Threshold:0.##}{own}, mAP@0.5 [bold]{report.Map50:F4}[/]");
    }
}
