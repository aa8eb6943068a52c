using System.Diagnostics;
using System.Globalization;
using CrazyTrain.Training.Data;
using CrazyTrain.Training.Evaluation;
using CrazyTrain.Training.Model;
using CrazyTrain.Training.Native;
using CrazyTrain.Training.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace CrazyTrain.Training.Reading;

/// <summary>
/// Trains the <see cref="SignReader"/> on crops of a rendered folder (cross-entropy, AdamW, the detector's
/// warm-up and cosine schedule) and scores it on a validation folder. Minutes, not the detector's hour: the crops are
/// 32 px and the question is narrow: which sign, if any.
/// </summary>
public static class ReaderTrainer
{
    private const int LogEvery = 50;

    public static ReaderCheckpoint Run(ReaderOptions options, IReadOnlyList<string> labels, string command, IProgress<TrainProgress>? progress = null, CancellationToken cancellation = default)
    {
        options.Validate();
        TorchNative.EnsureLoadable();
        torch.set_num_threads(options.Threads);
        torch.manual_seed(options.Seed);
        Directory.CreateDirectory(options.Output);

        var loading = Stopwatch.StartNew();
        var datasetHash = YoloFolder.Hash(options.Data);
        var images = TrainingImage.Load(options.Data);
        var loadSeconds = loading.Elapsed.TotalSeconds;
        try
        {
            var sampler = new ReaderSampler(images, labels, options.Seed, options.Focus, MineHardNegatives(options, images.Count));
            var start = options.InitFromOnnx is null ? null : ExportedModel.Open(options.InitFromOnnx, labels);
            var startedFrom = start is null ? null : StartingModel.Of(start);
            using var reader = start?.Reader(options.InitReader) ?? new SignReader(labels);
            reader.train();
            Trainer.FreezeBatchNorm(reader, frozen: start is not null);
            using var optimizer = optim.AdamW(reader.parameters(), options.LearningRate, weight_decay: options.WeightDecay);
            var clock = Stopwatch.StartNew();
            var smoothed = double.NaN;
            using var log = new StreamWriter(Path.Combine(options.Output, "reader-log.csv"));
            log.WriteLine("step,seconds,lr,loss,accuracy");
            var step = 0;
            for (; step < options.Steps; step++)
            {
                cancellation.ThrowIfCancellationRequested();
                var budget = options.MaxMinutes > 0 ? clock.Elapsed.TotalMinutes / options.MaxMinutes : 0;
                if (budget >= 1)
                {
                    break;
                }

                using var scope = NewDisposeScope();
                var lr = Trainer.LearningRate(options.LearningRate, options.WarmupSteps, options.Steps, step, budget);
                foreach (var group in optimizer.ParamGroups)
                {
                    group.LearningRate = lr;
                }

                var batch = sampler.Next(options.BatchSize);
                var (value, logits, readings) = NoCollection.Run(() =>
                {
                    var crops = tensor(batch.Crops, [batch.Size, 3, SignCrop.Size, SignCrop.Size]);
                    var truth = tensor(batch.Readings);
                    optimizer.zero_grad();
                    var read = reader.forward(crops);
                    var loss = nn.functional.cross_entropy(read, truth);
                    loss.backward();
                    optimizer.step();
                    return (loss.item<float>(), read, truth);
                });
                if (!float.IsFinite(value))
                {
                    throw new InvalidOperationException($"Reader training diverged at step {step} (loss {value}); lower the learning rate.");
                }

                smoothed = double.IsNaN(smoothed) ? value : (0.95 * smoothed) + (0.05 * value);
                if (step == 0 || (step + 1) % LogEvery == 0)
                {
                    var accuracy = logits.argmax(1).eq(readings).to_type(ScalarType.Float32).mean().item<float>();
                    log.WriteLine(string.Join(',', new object[]
                    {
                        step + 1, clock.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture), lr.ToString("G4", CultureInfo.InvariantCulture),
                        value.ToString("F4", CultureInfo.InvariantCulture), accuracy.ToString("F3", CultureInfo.InvariantCulture),
                    }));
                    log.Flush();
                }

                progress?.Report(new TrainProgress("reader", step + 1, options.Steps, smoothed));
            }

            reader.eval();
            var trainSeconds = clock.Elapsed.TotalSeconds;
            reader.save(Path.Combine(options.Output, ReaderCheckpoint.WeightsFile));
            var checkpoint = new ReaderCheckpoint
            {
                Labels = labels,
                Design = SignReader.Design,
                Options = options,
                Command = command,
                DatasetHash = datasetHash,
                Commit = SourceControl.DescribeCommit(),
                TrainedAt = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                LoadSeconds = Math.Round(loadSeconds, 1),
                TrainSeconds = Math.Round(trainSeconds, 1),
                FinalLoss = Math.Round(smoothed, 4),
                StepsCompleted = step,
                StartedFrom = startedFrom,
                Parameters = reader.parameters().Sum(p => p.numel()),
                Signs = sampler.SignCounts,
                HardNegatives = sampler.HardNegativeCount,
                Validation = options.Validation is null ? null : Evaluate(reader, options.Validation),
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

    /// <summary>
    /// Mined once per model file and folder in this process: an ensemble's readers (build-model --readers N) share
    /// one mining model and one training folder, and one pass over 4000 frames takes minutes.
    /// </summary>
    private static readonly Dictionary<(string Model, DateTime Written, string Data), IReadOnlyList<(int Image, LabelledBox Box)>> Mined = [];

    /// <summary>The mining model's confident mistakes on the training folder, by index into its images (same order: both read the folder's list).</summary>
    private static IReadOnlyList<(int Image, LabelledBox Box)>? MineHardNegatives(ReaderOptions options, int imageCount)
    {
        if (options.HardNegativesFrom is null)
        {
            return null;
        }

        var model = Path.GetFullPath(options.HardNegativesFrom);
        var key = (model, File.GetLastWriteTimeUtc(model), Path.GetFullPath(options.Data));
        lock (Mined)
        {
            if (!Mined.TryGetValue(key, out var found))
            {
                var (_, results) = FolderEvaluator.Collect(model, options.Data, threads: options.Threads);
                if (results.Count != imageCount)
                {
                    throw new InvalidOperationException($"Mining read {results.Count} images of '{options.Data}', training loaded {imageCount}.");
                }

                found = HardNegatives.Find(results);
                Mined[key] = found;
            }

            return found;
        }
    }

    /// <summary>Reads every labelled sign of a folder, cut at its exact box.</summary>
    internal static ReaderReport Evaluate(SignReader reader, string folder)
    {
        var readings = reader.Readings.Count;
        var confusion = new int[readings][];
        for (var i = 0; i < readings; i++)
        {
            confusion[i] = new int[readings];
        }

        var images = TrainingImage.Load(folder);
        try
        {
            var signs = images.SelectMany(i => i.Boxes.Select(b => (Image: i, Box: b, Truth: b.ClassId + 1))
                .Concat(i.Distractors.Select(b => (Image: i, Box: b, Truth: 0)))).ToList();
            var cropLength = 3 * SignCrop.Size * SignCrop.Size;
            float[] gains = [1f, 1f, 1f];
            reader.eval();
            foreach (var chunk in signs.Chunk(256))
            {
                var crops = new float[chunk.Length * cropLength];
                for (var i = 0; i < chunk.Length; i++)
                {
                    var box = chunk[i].Box;
                    SignCrop.Cut(chunk[i].Image.Bgr, SignCrop.Region(box.X1, box.Y1, box.X2, box.Y2), gains, crops.AsSpan(i * cropLength, cropLength));
                }

                using var scope = NewDisposeScope();
                using var noGrad = no_grad();
                var read = reader.forward(tensor(crops, [chunk.Length, 3, SignCrop.Size, SignCrop.Size])).argmax(1).data<long>().ToArray();
                for (var i = 0; i < chunk.Length; i++)
                {
                    confusion[chunk[i].Truth][read[i]]++;
                }
            }
        }
        finally
        {
            foreach (var image in images)
            {
                image.Dispose();
            }
        }

        return new ReaderReport { Folder = Path.GetFullPath(folder), Readings = reader.Readings, Confusion = confusion };
    }

    /// <summary>Rebuilds the trained reader of a run folder.</summary>
    internal static SignReader Load(string runFolder)
    {
        TorchNative.EnsureLoadable();
        var checkpoint = ReaderCheckpoint.Read(runFolder);
        if (checkpoint.Design != SignReader.Design)
        {
            throw new InvalidDataException($"'{runFolder}' holds a reader of another design ({checkpoint.Design}; this version builds {SignReader.Design}): train it again.");
        }

        var reader = new SignReader(checkpoint.Labels);
        reader.load(Path.Combine(runFolder, ReaderCheckpoint.WeightsFile));
        reader.eval();
        return reader;
    }
}
