using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using CrazyTrain.Training.Data;
using CrazyTrain.Training.Model;
using CrazyTrain.Training.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace CrazyTrain.Training.Training;

/// <summary>Progress of a run: the step just finished and its smoothed loss.</summary>
public readonly record struct TrainProgress(string Phase, int Done, int Total, double Loss);

/// <summary>
/// Trains the sign detector on native-scale crops with AdamW, linear warm-up and cosine decay. Batches are drawn
/// on a background thread by a seeded sampler, so a run with the same seed, data and thread count repeats itself
/// as far as libtorch's CPU kernels do.
/// </summary>
public static class Trainer
{
    private const int LogEvery = 25;

    public static Checkpoint Run(TrainOptions options, IReadOnlyList<string> labels, string command, IProgress<TrainProgress>? progress = null, CancellationToken cancellation = default)
    {
        options.Validate();
        TorchNative.EnsureLoadable();
        torch.set_num_threads(options.Threads);
        torch.manual_seed(options.Seed);
        Directory.CreateDirectory(options.Output);

        var datasetHash = YoloFolder.Hash(options.Data);
        var images = TrainingImage.Load(options.Data, new Progress<int>(_ => { }));
        try
        {
            if (images.Count == 0)
            {
                throw new InvalidDataException($"'{options.Data}' holds no images.");
            }

            var shape = DetectorShape.Named(options.Shape);
            var start = options.InitFromOnnx is null ? null : ExportedModel.Open(options.InitFromOnnx, labels);
            var startedFrom = start is null ? null : StartingModel.Of(start);
            using var net = start?.Detector(shape) ?? new SignDetectorNet(shape, labels.Count);
            if (options.InitFrom is not null)
            {
                net.load(Path.Combine(options.InitFrom, Checkpoint.WeightsFile));
            }

            net.train();
            FreezeBatchNorm(net, options.FreezesBatchNorm);
            var parameters = net.parameters().Sum(p => p.numel());
            using var optimizer = optim.AdamW(net.parameters(), options.LearningRate, weight_decay: options.WeightDecay);

            using var stopProducing = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            using var batches = new BlockingCollection<TrainingBatch>(boundedCapacity: 3);
            var focus = options.Focus?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(label => labels.ToList().IndexOf(label) is var i and >= 0 ? i : throw new ArgumentException($"Unknown focus label '{label}' (labels: {string.Join(", ", labels)})."))
                .ToHashSet();
            var sampler = new CropSampler(images, options.Crop, labels.Count, options.Seed, focus, options.FocusShare, options.SmallShare);
            var producer = Task.Run(
                () =>
                {
                    try
                    {
                        for (var i = 0; i < options.Steps && !stopProducing.IsCancellationRequested; i++)
                        {
                            batches.Add(sampler.Next(options.BatchSize), stopProducing.Token);
                        }
                    }
                    finally
                    {
                        batches.CompleteAdding();
                    }
                },
                stopProducing.Token);

            var clock = Stopwatch.StartNew();
            var smoothed = double.NaN;
            using var log = new StreamWriter(Path.Combine(options.Output, "training-log.csv"));
            log.WriteLine("step,seconds,lr,loss,heat,offset,size,objects");
            var step = 0;
            foreach (var batch in batches.GetConsumingEnumerable(cancellation))
            {
                using var scope = NewDisposeScope();
                var budget = options.MaxMinutes > 0 ? clock.Elapsed.TotalMinutes / options.MaxMinutes : 0;
                if (budget >= 1)
                {
                    break;
                }

                var lr = LearningRate(options, step, budget);
                foreach (var group in optimizer.ParamGroups)
                {
                    group.LearningRate = lr;
                }

                var (value, heatLoss, offsetLoss, sizeLoss) = NoCollection.Run(() =>
                {
                    var g = batch.Grid;
                    var x = tensor(batch.Images, [batch.Batch, 3, batch.Crop, batch.Crop]);
                    var heat = tensor(batch.Heat, [batch.Batch, batch.Classes, g, g]);
                    var offset = tensor(batch.Offset, [batch.Batch, 2, g, g]);
                    var logSize = tensor(batch.LogSize, [batch.Batch, 2, g, g]);
                    var mask = tensor(batch.Mask, [batch.Batch, 1, g, g]);

                    optimizer.zero_grad();
                    var (total, heatPart, offsetPart, sizePart) = CenterNetLoss.Compute(net.forward(x), heat, offset, logSize, mask);
                    total.backward();
                    nn.utils.clip_grad_norm_(net.parameters(), 10.0);
                    optimizer.step();
                    return (total.item<float>(), heatPart, offsetPart, sizePart);
                });
                if (!float.IsFinite(value))
                {
                    throw new InvalidOperationException($"Training diverged at step {step} (loss {value}); lower --lr.");
                }

                smoothed = double.IsNaN(smoothed) ? value : (0.95 * smoothed) + (0.05 * value);
                step++;
                if (step == 1 || step % LogEvery == 0 || step == options.Steps)
                {
                    log.WriteLine(string.Join(',', new object[]
                    {
                        step, clock.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture), lr.ToString("G4", CultureInfo.InvariantCulture),
                        value.ToString("F4", CultureInfo.InvariantCulture), heatLoss.item<float>().ToString("F4", CultureInfo.InvariantCulture),
                        offsetLoss.item<float>().ToString("F4", CultureInfo.InvariantCulture), sizeLoss.item<float>().ToString("F4", CultureInfo.InvariantCulture),
                        batch.Objects,
                    }));
                    log.Flush();
                }

                progress?.Report(new TrainProgress("train", step, options.Steps, smoothed));
            }

            cancellation.ThrowIfCancellationRequested();
            stopProducing.Cancel();
            try
            {
                producer.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                // The time budget ended the run before the planned steps.
            }
            net.eval();
            net.save(Path.Combine(options.Output, Checkpoint.WeightsFile));
            var checkpoint = new Checkpoint
            {
                Shape = shape.ToString(),
                Labels = labels,
                Options = options,
                Command = command,
                DatasetHash = datasetHash,
                Commit = SourceControl.DescribeCommit(),
                TrainedAt = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                TrainSeconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
                FinalLoss = Math.Round(smoothed, 4),
                StepsCompleted = step,
                Parameters = parameters,
                StartedFrom = startedFrom,
            };
            checkpoint.Write(options.Output);
            return checkpoint;
        }
        finally
        {
            foreach (var image in images)
            {
                image.Dispose();
            }
        }
    }

    /// <summary>Linear warm-up, then cosine decay to 1% of the peak by the last step or the end of the time budget.</summary>
    public static double LearningRate(TrainOptions options, int step, double budgetUsed = 0) =>
        LearningRate(options.LearningRate, options.WarmupSteps, options.Steps, step, budgetUsed);

    /// <summary>The schedule for any run: <paramref name="budgetUsed"/> is the share of the time budget spent (0 without one).</summary>
    public static double LearningRate(double peak, int warmupSteps, int steps, int step, double budgetUsed)
    {
        if (step < warmupSteps)
        {
            return peak * (step + 1) / warmupSteps;
        }

        var progress = Math.Max(budgetUsed, (double)(step - warmupSteps) / Math.Max(1, steps - warmupSteps));
        return peak * (0.01 + (0.99 * 0.5 * (1 + Math.Cos(Math.PI * Math.Min(1, progress)))));
    }

    /// <summary>Keeps (or stops keeping) every batch norm of <paramref name="net"/> on its running statistics while it trains.</summary>
    internal static void FreezeBatchNorm(nn.Module net, bool frozen)
    {
        foreach (var bn in net.modules().OfType<RunningBatchNorm>())
        {
            bn.Frozen = frozen;
        }
    }

    /// <summary>Rebuilds the trained network of a run folder.</summary>
    internal static SignDetectorNet LoadNet(string runFolder, out Checkpoint checkpoint)
    {
        TorchNative.EnsureLoadable();
        checkpoint = Checkpoint.Read(runFolder);
        var net = new SignDetectorNet(DetectorShape.Named(checkpoint.Shape), checkpoint.Labels.Count);
        net.load(Path.Combine(runFolder, Checkpoint.WeightsFile));
        net.eval();
        return net;
    }
}
