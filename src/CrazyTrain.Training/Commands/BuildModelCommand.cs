using System.CommandLine;
using CrazyTrain.Training.Factory;
using CrazyTrain.Training.Training;
using Spectre.Console;

namespace CrazyTrain.Training.Commands;

/// <summary><c>build-model</c>: the one command that reproduces models/crazytrain-signs.onnx and its model card.</summary>
internal static class BuildModelCommand
{
    /// <summary>The shipped recipe's first training budget; with the fine-tuning and the reader it fits the 60 minutes.</summary>
    public const double DefaultMaxMinutes = 50;

    public static Command Create()
    {
        // The recipe plans more steps than the 2-core box reaches: the time budget ends the run and the learning-rate
        // schedule with it, so a faster machine simply trains longer on the same data.
        var defaults = new BuildModelOptions { Train = new TrainOptions { Data = "", Output = "", Steps = 20000, Threads = 2 } };
        var data = new Option<DirectoryInfo>("--data") { Description = "Folder for the rendered train/validation/test sets.", DefaultValueFactory = _ => new DirectoryInfo(defaults.DataFolder) };
        var run = new Option<DirectoryInfo>("--run") { Description = "Training run folder.", DefaultValueFactory = _ => new DirectoryInfo(defaults.RunFolder) };
        var model = new Option<FileInfo>("--model") { Description = "ONNX file to write.", DefaultValueFactory = _ => new FileInfo(defaults.ModelPath) };
        var card = new Option<FileInfo>("--card") { Description = "Model card to write.", DefaultValueFactory = _ => new FileInfo(defaults.ModelCardPath) };
        var trainCount = new Option<int>("--train-count") { Description = "Training frames to render.", DefaultValueFactory = _ => defaults.TrainCount };
        var validationCount = new Option<int>("--validation-count") { Description = "Validation frames (training styles) to render.", DefaultValueFactory = _ => defaults.ValidationCount };
        var testCount = new Option<int>("--test-count") { Description = "Test frames (held-out styles) to render.", DefaultValueFactory = _ => defaults.TestCount };
        var realLikeCount = new Option<int>("--real-like-count") { Description = "Real-like frames (the train webcam's look, never trained on) to render and report; 0 skips them.", DefaultValueFactory = _ => defaults.RealLikeCount };
        var seed = new Option<int>("--seed") { Description = "Seed of the whole build (data, weights, crops).", DefaultValueFactory = _ => defaults.Seed };
        var shape = new Option<string>("--shape") { Description = "Network shape.", DefaultValueFactory = _ => defaults.Train.Shape };
        var steps = new Option<int>("--steps") { Description = "Optimiser steps.", DefaultValueFactory = _ => defaults.Train.Steps };
        var batch = new Option<int>("--batch") { Description = "Crops per step.", DefaultValueFactory = _ => defaults.Train.BatchSize };
        var crop = new Option<int>("--crop") { Description = "Crop side in pixels.", DefaultValueFactory = _ => defaults.Train.Crop };
        var lr = new Option<double>("--lr") { Description = "Peak learning rate.", DefaultValueFactory = _ => defaults.Train.LearningRate };
        var threads = new Option<int>("--threads") { Description = "libtorch CPU threads.", DefaultValueFactory = _ => defaults.Train.Threads };
        var fresh = new Option<bool>("--fresh-data") { Description = "Re-render datasets even when matching folders exist." };
        var fineTune = new Option<double>("--fine-tune-minutes") { Description = "Continue from the first run at a lower learning rate for this long, half the crops on the fine-tuning focus (0: no second run).", DefaultValueFactory = _ => defaults.FineTuneMinutes };
        var readerMinutes = new Option<double>("--reader-minutes") { Description = "Budget of the sign reader, the second stage that reads the detector's best candidates (0: the detector alone).", DefaultValueFactory = _ => defaults.ReaderMinutes };
        var readers = new Option<int>("--readers") { Description = "Sign readers trained with different seeds; the graph averages their readings.", DefaultValueFactory = _ => defaults.ReaderCount };
        var readerSteps = new Option<int>("--reader-steps") { Description = "Optimiser steps of the sign reader.", DefaultValueFactory = _ => defaults.ReaderSteps };
        var hardNegatives = new Option<bool>("--reader-hard-negatives") { Description = "Train the readers a second time with the first model's confident mistakes on the training frames (posters, fabric, plates) read as no sign." };
        var fromShipped = new Option<bool>("--from-shipped") { Description = $"Skip the from-scratch run: fine-tune from the shipped model's weights ({defaults.ModelPath}, read before it is overwritten) for --fine-tune-minutes; the readers start from its reader. The card says so." };
        var initFromOnnx = new Option<FileInfo?>("--init-from-onnx") { Description = "Like --from-shipped, from this exported model." };
        var fineTuneSteps = new Option<int>("--fine-tune-steps") { Description = "Optimiser steps of the fine-tuning run.", DefaultValueFactory = _ => defaults.FineTuneSteps };
        var fineTuneLr = new Option<double>("--fine-tune-lr") { Description = "Peak learning rate of the fine-tuning run.", DefaultValueFactory = _ => defaults.FineTuneLearningRate };
        var fineTuneSmall = new Option<double>("--fine-tune-small-share") { Description = "Share of the fine-tuning crops not on the focus that are centred on a sign under 16 px.", DefaultValueFactory = _ => defaults.FineTuneSmallShare };
        var threshold = new Option<double?>("--threshold") { Description = "Fix the operating threshold instead of picking it on validation (the card names both)." };
        var minutes = new Option<double>("--max-minutes") { Description = "Training wall-clock budget (0: none).", DefaultValueFactory = _ => DefaultMaxMinutes };
        var command = new Command("build-model", "Render data, train, pick the threshold, evaluate on held-out styles, export, time, and write the model card.")
        {
            data, run, model, card, trainCount, validationCount, testCount, realLikeCount, seed, shape, steps, batch, crop, lr, threads, minutes, fineTune, fineTuneSteps, fineTuneLr, fineTuneSmall, fromShipped, initFromOnnx, readerMinutes, readers, readerSteps, hardNegatives, threshold, fresh,
        };
        command.SetAction((parse, cancellation) =>
        {
            var options = new BuildModelOptions
            {
                DataFolder = parse.GetValue(data)!.FullName,
                RunFolder = parse.GetValue(run)!.FullName,
                ModelPath = parse.GetValue(model)!.FullName,
                ModelCardPath = parse.GetValue(card)!.FullName,
                TrainCount = parse.GetValue(trainCount),
                ValidationCount = parse.GetValue(validationCount),
                TestCount = parse.GetValue(testCount),
                RealLikeCount = parse.GetValue(realLikeCount),
                Seed = parse.GetValue(seed),
                ReuseData = !parse.GetValue(fresh),
                FineTuneMinutes = parse.GetValue(fineTune),
                FineTuneSteps = parse.GetValue(fineTuneSteps),
                FineTuneLearningRate = parse.GetValue(fineTuneLr),
                FineTuneSmallShare = parse.GetValue(fineTuneSmall),
                InitFromOnnx = StartingModel(parse.GetValue(fromShipped), parse.GetValue(initFromOnnx), defaults.ModelPath),
                ReaderMinutes = parse.GetValue(readerMinutes),
                ReaderSteps = parse.GetValue(readerSteps),
                ReaderCount = parse.GetValue(readers),
                ReaderHardNegatives = parse.GetValue(hardNegatives),
                Threshold = parse.GetValue(threshold) is { } fixedThreshold and (<= 0 or >= 1)
                    ? throw new ArgumentException($"--threshold must be between 0 and 1 (got {fixedThreshold}).")
                    : parse.GetValue(threshold),
                Train = defaults.Train with
                {
                    Shape = parse.GetValue(shape)!,
                    Steps = parse.GetValue(steps),
                    BatchSize = parse.GetValue(batch),
                    Crop = parse.GetValue(crop),
                    LearningRate = parse.GetValue(lr),
                    Threads = parse.GetValue(threads),
                    MaxMinutes = parse.GetValue(minutes),
                },
            };
            var factory = new ModelFactory(SimulationDatasets.Render, SimulationDatasets.TrainingStyles, SimulationDatasets.HeldOutStyles, SimulationDatasets.RealLikeStyles);
            BuildResult result = null!;
            AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .Start(context => result = factory.Build(options, CommandLine.Current(), new SpectreBuildProgress(context), cancellation));
            EvaluateCommand.Print(result.Test);
            AnsiConsole.MarkupLineInterpolated($"[green]wrote[/] {options.ModelPath} and {options.ModelCardPath}; latency p50 {result.Latency.Latency.TotalMs.P50:F1} ms on 1 thread");
            return Task.FromResult(0);
        });
        return command;
    }

    /// <summary>The exported model <c>--from-shipped</c> or <c>--init-from-onnx</c> names (null: train from scratch).</summary>
    private static string? StartingModel(bool fromShipped, FileInfo? model, string shipped)
    {
        if (fromShipped && model is not null)
        {
            throw new ArgumentException("Give --from-shipped or --init-from-onnx, not both.");
        }

        var path = model?.FullName ?? (fromShipped ? Path.GetFullPath(shipped) : null);
        if (path is not null && !File.Exists(path))
        {
            throw new FileNotFoundException($"ONNX model '{path}' to continue from does not exist.", path);
        }

        return path;
    }

    private sealed class SpectreBuildProgress(ProgressContext context) : IBuildProgress
    {
        public IProgress<int> Stage(string name, int total)
        {
            var task = context.AddTask(name, maxValue: Math.Max(1, total));
            return new Progress<int>(n => task.Increment(n));
        }

        public IProgress<TrainProgress> Training(int steps, string name = "training")
        {
            var task = context.AddTask(name, maxValue: steps);
            return new Progress<TrainProgress>(p =>
            {
                task.Value = p.Done;
                task.Description = $"{name} (loss {p.Loss:F3})";
            });
        }
    }
}
