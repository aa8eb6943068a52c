using System.CommandLine;
using CrazyTrain.Signs;
using CrazyTrain.Training.Model;
using CrazyTrain.Training.Training;
using Spectre.Console;

namespace CrazyTrain.Training.Commands;

/// <summary><c>train</c>: trains the detector on a YOLO-layout folder and leaves a run folder (weights + checkpoint.json).</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "Training folder (images/ + labels/).", Required = true };
        var output = new Option<DirectoryInfo>("--output") { Description = "Run folder to write.", Required = true };
        var shape = new Option<string>("--shape") { Description = "Network shape: standard, tiny, or eight comma-separated widths.", DefaultValueFactory = _ => "standard" };
        var steps = new Option<int>("--steps") { Description = "Optimiser steps.", DefaultValueFactory = _ => 3000 };
        var batch = new Option<int>("--batch") { Description = "Crops per step.", DefaultValueFactory = _ => 16 };
        var crop = new Option<int>("--crop") { Description = "Crop side in pixels (multiple of 32).", DefaultValueFactory = _ => 192 };
        var lr = new Option<double>("--lr") { Description = "Peak learning rate (AdamW).", DefaultValueFactory = _ => 3e-3 };
        var seed = new Option<int>("--seed") { Description = "Seed for weights and crops.", DefaultValueFactory = _ => 1 };
        var threads = new Option<int>("--threads") { Description = "libtorch CPU threads (1 is fastest on a busy 2-core box: no waits on descheduled OpenMP workers).", DefaultValueFactory = _ => 1 };
        var minutes = new Option<double>("--max-minutes") { Description = "Wall-clock budget; the schedule ends at the steps or the budget, whichever comes first (0: none).", DefaultValueFactory = _ => 0 };
        var initFrom = new Option<DirectoryInfo?>("--init-from") { Description = "Run folder whose weights start this run (fine-tuning); the shape must match." };
        var initFromOnnx = new Option<FileInfo?>("--init-from-onnx") { Description = "Exported ONNX model whose detector weights start this run (e.g. models/crazytrain-signs.onnx); batch norm stays frozen (running statistics kept, gamma/beta learn); the shape must match." };
        var freeze = new Option<bool>("--freeze-batch-norm") { Description = "Keep batch norm on its running statistics while training (always so with --init-from-onnx)." };
        var focus = new Option<string?>("--focus") { Description = "Comma-separated labels to aim --focus-share of the crops at, e.g. speed_limit_30,speed_limit_50." };
        var focusShare = new Option<double>("--focus-share") { Description = "Share of crops centred on a --focus sign.", DefaultValueFactory = _ => 0.5 };
        var smallShare = new Option<double>("--small-share") { Description = $"Share of the other crops centred on a target sign narrower than {CropSampler.SmallSignWidth} px." };
        var command = new Command("train", "Train the sign detector with TorchSharp on the CPU.") { data, output, shape, steps, batch, crop, lr, seed, threads, minutes, initFrom, initFromOnnx, freeze, focus, focusShare, smallShare };
        command.SetAction((parse, cancellation) =>
        {
            var options = new TrainOptions
            {
                Data = parse.GetValue(data)!.FullName,
                Output = parse.GetValue(output)!.FullName,
                Shape = parse.GetValue(shape)!,
                Steps = parse.GetValue(steps),
                BatchSize = parse.GetValue(batch),
                Crop = parse.GetValue(crop),
                LearningRate = parse.GetValue(lr),
                Seed = parse.GetValue(seed),
                Threads = parse.GetValue(threads),
                MaxMinutes = parse.GetValue(minutes),
                InitFrom = parse.GetValue(initFrom)?.FullName,
                InitFromOnnx = parse.GetValue(initFromOnnx)?.FullName,
                FreezeBatchNorm = parse.GetValue(freeze),
                Focus = parse.GetValue(focus),
                FocusShare = parse.GetValue(focus) is null ? 0 : parse.GetValue(focusShare),
                SmallShare = parse.GetValue(smallShare),
            };
            var checkpoint = Train(options, CommandLine.Current(), cancellation);
            AnsiConsole.MarkupLineInterpolated($"[green]trained[/] {checkpoint.Parameters} parameters in {checkpoint.TrainSeconds:F0} s, loss {checkpoint.FinalLoss:F3} -> {options.Output}");
            return Task.FromResult(0);
        });
        return command;
    }

    public static Checkpoint Train(TrainOptions options, string commandLine, CancellationToken cancellation = default) =>
        TrainingBar.Show("training", options.Steps, progress => Trainer.Run(options, SignCatalogue.Labels, commandLine, progress, cancellation));
}
