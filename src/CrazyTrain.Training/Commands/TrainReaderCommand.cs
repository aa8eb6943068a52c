using System.CommandLine;
using CrazyTrain.Signs;
using CrazyTrain.Training.Model;
using CrazyTrain.Training.Reading;
using CrazyTrain.Training.Training;
using Spectre.Console;

namespace CrazyTrain.Training.Commands;

/// <summary><c>train-reader</c>: trains the second stage that reads the detector's candidates (which sign, or none).</summary>
internal static class TrainReaderCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "Training folder (images/ + labels/; annotations.jsonl adds the distractor signs).", Required = true };
        var output = new Option<DirectoryInfo>("--output") { Description = "Run folder to write (reader.pt + reader.json).", Required = true };
        var validation = new Option<DirectoryInfo?>("--validation") { Description = "Folder whose labelled signs score the finished reader." };
        var steps = new Option<int>("--steps") { Description = "Optimiser steps.", DefaultValueFactory = _ => 3000 };
        var batch = new Option<int>("--batch") { Description = "Crops per step.", DefaultValueFactory = _ => 64 };
        var lr = new Option<double>("--lr") { Description = "Peak learning rate (AdamW).", DefaultValueFactory = _ => 3e-3 };
        var seed = new Option<int>("--seed") { Description = "Seed for weights and crops.", DefaultValueFactory = _ => 1 };
        var threads = new Option<int>("--threads") { Description = "libtorch CPU threads.", DefaultValueFactory = _ => 1 };
        var minutes = new Option<double>("--max-minutes") { Description = "Wall-clock budget of the optimisation (0: none).", DefaultValueFactory = _ => 0 };
        var initFromOnnx = new Option<FileInfo?>("--init-from-onnx") { Description = "Exported ONNX model whose (first) sign reader starts this run; batch norm stays frozen (running statistics kept, gamma/beta learn)." };
        var focus = new Option<string?>("--focus") { Description = "Comma-separated labels drawn twice as often as the others, e.g. speed_limit_30,speed_limit_50." };
        var hardNegatives = new Option<FileInfo?>("--hard-negatives-from") { Description = "Exported ONNX model run over --data first: its confident detections away from every target sign are read as no sign (\"other\")." };
        var command = new Command("train-reader", "Train the sign reader that re-scores the detector's best candidates on 32 px crops.") { data, output, validation, steps, batch, lr, seed, threads, minutes, initFromOnnx, focus, hardNegatives };
        command.SetAction((parse, cancellation) =>
        {
            var options = new ReaderOptions
            {
                Data = parse.GetValue(data)!.FullName,
                Output = parse.GetValue(output)!.FullName,
                Validation = parse.GetValue(validation)?.FullName,
                Steps = parse.GetValue(steps),
                BatchSize = parse.GetValue(batch),
                LearningRate = parse.GetValue(lr),
                Seed = parse.GetValue(seed),
                Threads = parse.GetValue(threads),
                MaxMinutes = parse.GetValue(minutes),
                Focus = parse.GetValue(focus),
                InitFromOnnx = parse.GetValue(initFromOnnx)?.FullName,
                HardNegativesFrom = parse.GetValue(hardNegatives)?.FullName,
            };
            var checkpoint = Train(options, CommandLine.Current(), cancellation);
            AnsiConsole.MarkupLineInterpolated($"[green]trained[/] reader of {checkpoint.Parameters} parameters in {checkpoint.TrainSeconds:F0} s, loss {checkpoint.FinalLoss:F3}{(checkpoint.HardNegatives > 0 ? $", {checkpoint.HardNegatives} hard negatives" : string.Empty)} -> {options.Output}");
            if (checkpoint.Validation is { } report)
            {
                AnsiConsole.MarkupLineInterpolated($"validation: read right {string.Join(", ", report.Readings.Zip(report.Recall, (r, v) => $"{r} {v:P1}"))}; targets read as another target {report.Swaps:P2}");
            }

            return Task.FromResult(0);
        });
        return command;
    }

    public static ReaderCheckpoint Train(ReaderOptions options, string commandLine, CancellationToken cancellation = default) =>
        TrainingBar.Show("training the reader", options.Steps, progress => ReaderTrainer.Run(options, SignCatalogue.Labels, commandLine, progress, cancellation));
}
