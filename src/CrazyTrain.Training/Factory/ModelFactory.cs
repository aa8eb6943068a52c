using System.Text.Json;
using CrazyTrain.SignModel.Benchmarking;
using CrazyTrain.SignModel.Metadata;
using CrazyTrain.SignModel.Runtime;
using CrazyTrain.Signs;
using CrazyTrain.Training.Commands;
using CrazyTrain.Training.Evaluation;
using CrazyTrain.Training.Model;
using CrazyTrain.Training.Reading;
using CrazyTrain.Training.Training;

namespace CrazyTrain.Training.Factory;

/// <summary>Everything the model card reports about one build.</summary>
public sealed record BuildResult(
    BuildModelOptions Options,
    string CommandLine,
    Checkpoint Checkpoint,
    Checkpoint? BaseCheckpoint,
    IReadOnlyList<ReaderCheckpoint> Readers,
    long ReaderMultiplyAccumulates,
    ModelCard Card,
    EvaluationReport Test,
    EvaluationReport Validation,
    EvaluationReport? RealLike,
    BenchmarkReport Latency,
    long MultiplyAccumulates,
    IReadOnlyList<string> TrainingStyles,
    IReadOnlyList<string> TestStyles,
    IReadOnlyList<string> RealLikeStyles,
    string TestDatasetHash,
    long ModelBytes)
{
    /// <summary>The threshold the factory's rule picked on validation (the operating one unless fixed by the options).</summary>
    public double PickedThreshold { get; init; }

    /// <summary>The real-like set scored per style (each imitates another real camera), in <see cref="RealLikeStyles"/> order.</summary>
    public IReadOnlyList<StyleReport> RealLikeByStyle { get; init; } = [];

    /// <summary>With hard negatives, the readers' first pass, which mined them and which <see cref="Readers"/> continue; otherwise none.</summary>
    public IReadOnlyList<ReaderCheckpoint> FirstPassReaders { get; init; } = [];
}

/// <summary>
/// The one reproducible path to the shipped model: render train/validation (training styles) and test (held-out
/// styles, other seed), train, pick the operating threshold on validation (best F1), evaluate on test and on the
/// real-like set (styles that imitate the train's own camera, never trained on: the stand-in for real photos),
/// export with metrics in the metadata, time it, and write the model card.
/// </summary>
public sealed class ModelFactory(RenderDataset render, IReadOnlyList<string> trainingStyles, IReadOnlyList<string> heldOutStyles, IReadOnlyList<string> realLikeStyles)
{
    public const int TestSeedOffset = 1_000_000;
    public const int ValidationSeedOffset = 500_000;
    public const int RealLikeSeedOffset = 2_000_000;

    public BuildResult Build(BuildModelOptions options, string commandLine, IBuildProgress progress, CancellationToken cancellation = default)
    {
        var train = Path.Combine(options.DataFolder, "train");
        var validation = Path.Combine(options.DataFolder, "validation");
        var test = Path.Combine(options.DataFolder, "test");
        Render(new DatasetRequest(train, options.TrainCount, options.Seed, trainingStyles, "train"), options, progress, cancellation);
        Render(new DatasetRequest(validation, options.ValidationCount, options.Seed + ValidationSeedOffset, trainingStyles, "validation"), options, progress, cancellation);
        Render(new DatasetRequest(test, options.TestCount, options.Seed + TestSeedOffset, heldOutStyles, "test"), options, progress, cancellation);
        var realLike = Path.Combine(options.DataFolder, "real-like");
        var measureRealLike = options.RealLikeCount > 0 && realLikeStyles.Count > 0;
        if (measureRealLike)
        {
            Render(new DatasetRequest(realLike, options.RealLikeCount, options.Seed + RealLikeSeedOffset, realLikeStyles, "real-like"), options, progress, cancellation);
        }

        var (checkpoint, baseCheckpoint, runFolder) = options.InitFromOnnx is null
            ? TrainFromScratch(options, train, commandLine, progress, cancellation)
            : ContinueFrom(options.InitFromOnnx, options, train, commandLine, progress, cancellation);

        var shippedReaders = options.InitFromOnnx is null ? 0 : ExportedModel.Open(options.InitFromOnnx, SignCatalogue.Labels).Readers;
        var readers = new List<ReaderCheckpoint>();
        for (var i = 0; i < options.ReaderCount && options.ReaderMinutes > 0; i++)
        {
            var readerOptions = new ReaderOptions
            {
                Data = train,
                Validation = validation,
                Output = options.ReaderFolder(i),
                Steps = options.ReaderSteps,
                MaxMinutes = options.ReaderMinutes / options.ReaderCount,
                Seed = options.Seed + 2 + i,
                Threads = options.Train.Threads,
                Focus = options.ReaderFocus,
                InitFromOnnx = i < shippedReaders ? options.InitFromOnnx : null,
                InitReader = i < shippedReaders ? i : 0,
            };
            readers.Add(FinishedReader(readerOptions)
                ?? ReaderTrainer.Run(readerOptions, SignCatalogue.Labels, commandLine, progress.Training(readerOptions.Steps, $"training sign reader {i + 1}"), cancellation));
        }

        List<ReaderCheckpoint> firstPass = [];
        if (options.ReaderHardNegatives && readers.Count > 0)
        {
            firstPass = readers;
            readers = MineAndRetrain(options, runFolder, readers, commandLine, progress, cancellation);
        }

        var readerFolders = readers.Select(r => r.Options.Output).ToList();

        // NMS per class keeps both a 30 and a 50 on a sign the model is unsure of; class-agnostic NMS keeps only the
        // better-scoring one. Which serves better depends on how well the model tells classes apart: validation decides.
        var thresholds = Enumerable.Range(3, 15).Select(i => i * 0.05).ToList();
        var candidates = new[] { false, true }.Select(agnostic =>
        {
            var provisional = Path.Combine(runFolder, agnostic ? "provisional-class-agnostic.onnx" : "provisional.onnx");
            ExportCommand.Export(runFolder, provisional, 0.5, options.Version, ModelMetrics.From(null), commandLine, agnostic, readerFolders);
            var (card, results) = FolderEvaluator.Collect(provisional, validation, progress.Stage($"evaluating validation ({(agnostic ? "class-agnostic" : "per-class")} NMS)", options.ValidationCount));
            var threshold = DetectionScorer.BestF1Threshold(results, card.Labels, thresholds, options.MaxDistractorConfusion);
            return (Agnostic: agnostic, Provisional: provisional, Labels: card.Labels, Threshold: threshold, Results: results, Report: DetectionScorer.Score(results, card.Labels, threshold, Path.GetFileName(provisional), validation));
        }).ToList();
        var (classAgnostic, chosen, labels, picked, validationResults, validationReport) = candidates.MaxBy(c => c.Report.Map50);
        var threshold = options.Threshold ?? picked;
        var (_, testResults) = FolderEvaluator.Collect(chosen, test, progress.Stage("evaluating test", options.TestCount));

        // Real signs score lower than rendered ones: where the real-like set says a class is found better with a lower
        // bar, that class gets its own threshold (never a higher one), unless that costs the distractor budget.
        IReadOnlyDictionary<string, double>? classThresholds = null;
        List<ImageResult>? realLikeResults = null;
        if (measureRealLike)
        {
            (_, realLikeResults) = FolderEvaluator.Collect(chosen, realLike, progress.Stage("evaluating real-like", options.RealLikeCount));
            // STOP and no-entry keep the operating threshold: a far or misread one just under it stopped the twin's
            // train a metre early (and the latch then kept the real sign from acting until 12 cm before it) or halted
            // it for good at a poster (docs/twin.md); their real close-ups score far above it.
            var calibrated = DetectionScorer.ClassThresholds(realLikeResults, labels, thresholds, threshold, options.MinClassThreshold)
                .Where(t => SignCatalogue.Find(t.Key)?.Rule is not (SignRule.Stop or SignRule.Halt))
                .ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
            var withThem = DetectionScorer.Score(validationResults, labels, threshold, classThresholds: calibrated);
            var testWithThem = DetectionScorer.Score(testResults, labels, threshold, classThresholds: calibrated);
            if ((withThem.Distractors?.ConfusionRate ?? 0) <= options.MaxDistractorConfusion + 1e-12
                && (testWithThem.Distractors?.ConfusionRate ?? 0) <= options.MaxDistractorConfusion + 1e-12)
            {
                classThresholds = calibrated;
            }
        }

        validationReport = DetectionScorer.Score(validationResults, labels, threshold, Path.GetFileName(options.ModelPath), validation, classThresholds);
        var testReport = DetectionScorer.Score(testResults, labels, threshold, Path.GetFileName(options.ModelPath), test, classThresholds);
        var realLikeReport = realLikeResults is null ? null : DetectionScorer.Score(realLikeResults, labels, threshold, Path.GetFileName(options.ModelPath), realLike, classThresholds);
        IReadOnlyList<StyleReport> realLikeByStyle = realLikeResults is null
            ? []
            : DetectionScorer.ByStyle(realLikeResults, realLikeStyles, labels, threshold, Path.GetFileName(options.ModelPath), realLike, classThresholds);
        File.WriteAllText(Path.Combine(runFolder, "validation-report.json"), validationReport.ToJson());
        File.WriteAllText(Path.Combine(runFolder, "test-report.json"), testReport.ToJson());
        if (realLikeReport is not null)
        {
            File.WriteAllText(Path.Combine(runFolder, "real-like-report.json"), realLikeReport.ToJson());
        }

        var description = ExportCommand.Export(runFolder, options.ModelPath, threshold, options.Version, ModelMetrics.From(testReport), commandLine, classAgnostic, readerFolders, classThresholds);
        BenchmarkReport latency;
        using (var runtime = ModelRuntime.Load(options.ModelPath, ExecutionProviderChain.CpuOnly(1)))
        {
            var testImages = Path.Combine(test, "images");
            latency = LatencyBenchmark.Run(
                runtime,
                Directory.EnumerateFiles(testImages).Order(StringComparer.Ordinal).Take(32).Select(File.ReadAllBytes).ToList(),
                testImages,
                threads: 1,
                iterations: 300,
                warmup: 30,
                progress.Stage("timing frames (1 thread)", 300));
        }

        File.WriteAllText(Path.Combine(runFolder, "latency.json"), latency.ToJson());

        long macs;
        using (var net = Trainer.LoadNet(runFolder, out _))
        {
            macs = net.MultiplyAccumulates(description.Input.Height, description.Input.Width);
        }

        long readerMacs = 0;
        foreach (var folder in readerFolders)
        {
            using var readerNet = ReaderTrainer.Load(folder);
            readerMacs += readerNet.MultiplyAccumulates() * ReadingStage.Candidates;
        }

        var result = new BuildResult(
            options, commandLine, checkpoint, baseCheckpoint, readers, readerMacs, description, testReport, validationReport, realLikeReport, latency, macs, trainingStyles, heldOutStyles,
            measureRealLike ? realLikeStyles : [],
            Data.YoloFolder.Hash(test), new FileInfo(options.ModelPath).Length)
        {
            PickedThreshold = picked,
            RealLikeByStyle = realLikeByStyle,
            FirstPassReaders = firstPass,
        };
        File.WriteAllText(options.ModelCardPath, ModelReadme.Render(result));
        File.WriteAllText(Path.Combine(runFolder, "build.json"), JsonSerializer.Serialize(
            new { checkpoint, readers, threshold, testMap50 = testReport.Map50, macs, readerMacs }, new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals }));
        return result;
    }

    /// <summary>
    /// The readers' second pass: the model with the first-pass readers (<c>mining.onnx</c> in the run folder) finds its
    /// confident mistakes on the training frames, and each reader trains again from its first pass with them as "other".
    /// </summary>
    private static List<ReaderCheckpoint> MineAndRetrain(BuildModelOptions options, string runFolder, List<ReaderCheckpoint> firstPass, string commandLine, IBuildProgress progress, CancellationToken cancellation)
    {
        var mining = Path.Combine(runFolder, "mining.onnx");
        // The miner keeps the scores of the candidates its readers do not read (the exported model zeroes them): those
        // are the detector's confident mistakes too; zeroed, the second pass got a quarter fewer hard negatives (939
        // against 1240 on 1.7.0's training frames).
        ExportCommand.Export(runFolder, mining, 0.5, options.Version, ModelMetrics.From(null), commandLine, classAgnostic: false, firstPass.Select(r => r.Options.Output).ToList(), keepUnreadScores: true);
        return firstPass.Select((first, i) =>
        {
            var again = first.Options with
            {
                Output = options.MinedReaderFolder(i),
                InitFromOnnx = mining,
                InitReader = i,
                HardNegativesFrom = mining,
            };
            return FinishedReader(again)
                ?? ReaderTrainer.Run(again, SignCatalogue.Labels, commandLine, progress.Training(again.Steps, $"training sign reader {i + 1} on hard negatives"), cancellation);
        }).ToList();
    }

    /// <summary>The from-scratch recipe: a first run, then (if <see cref="BuildModelOptions.FineTuneMinutes"/>) a fine-tuning run from it.</summary>
    private static (Checkpoint Final, Checkpoint? Base, string RunFolder) TrainFromScratch(BuildModelOptions options, string train, string commandLine, IBuildProgress progress, CancellationToken cancellation)
    {
        var trainOptions = options.Train with { Data = train, Output = options.RunFolder, Seed = options.Seed };
        var checkpoint = FinishedRun(options.RunFolder, trainOptions)
            ?? Trainer.Run(trainOptions, SignCatalogue.Labels, commandLine, progress.Training(trainOptions.Steps), cancellation);
        if (options.FineTuneMinutes <= 0)
        {
            return (checkpoint, null, options.RunFolder);
        }

        var fineTune = FineTuning(options, trainOptions) with { InitFrom = Path.GetFullPath(options.RunFolder) };
        var fineTuned = FinishedRun(fineTune.Output, fineTune)
            ?? Trainer.Run(fineTune, SignCatalogue.Labels, commandLine, progress.Training(fineTune.Steps), cancellation);
        return (fineTuned, checkpoint, fineTune.Output);
    }

    /// <summary>Skips the first run: the fine-tuning run starts from an exported model's weights (batch norm frozen).</summary>
    private static (Checkpoint Final, Checkpoint? Base, string RunFolder) ContinueFrom(string model, BuildModelOptions options, string train, string commandLine, IBuildProgress progress, CancellationToken cancellation)
    {
        if (options.FineTuneMinutes <= 0)
        {
            throw new ArgumentException("Continuing from an exported model trains only the fine-tuning run: give it --fine-tune-minutes above 0.");
        }

        var trainOptions = options.Train with { Data = train, Output = options.RunFolder, Seed = options.Seed };
        var fineTune = FineTuning(options, trainOptions) with { InitFromOnnx = Path.GetFullPath(model) };
        var checkpoint = FinishedRun(fineTune.Output, fineTune)
            ?? Trainer.Run(fineTune, SignCatalogue.Labels, commandLine, progress.Training(fineTune.Steps), cancellation);
        return (checkpoint, null, fineTune.Output);
    }

    private static TrainOptions FineTuning(BuildModelOptions options, TrainOptions first) => first with
    {
        Output = options.RunFolder + "-finetune",
        Steps = options.FineTuneSteps,
        LearningRate = options.FineTuneLearningRate,
        WarmupSteps = 50,
        MaxMinutes = options.FineTuneMinutes,
        Seed = options.Seed + 1,
        Focus = options.FineTuneFocus,
        FocusShare = options.FineTuneFocusShare,
        SmallShare = options.FineTuneSmallShare,
    };

    /// <summary>
    /// A finished run with exactly these training options is reused instead of training again; one that started
    /// from an ONNX file only while that file is still the same model (build-model overwrites the shipped model).
    /// </summary>
    private static Checkpoint? FinishedRun(string runFolder, TrainOptions wanted)
    {
        if (!File.Exists(Path.Combine(runFolder, Checkpoint.DescriptionFile)) || !File.Exists(Path.Combine(runFolder, Checkpoint.WeightsFile)))
        {
            return null;
        }

        var checkpoint = Checkpoint.Read(runFolder);
        var normalise = (TrainOptions o) => o with { Data = Path.GetFullPath(o.Data), Output = Path.GetFullPath(o.Output) };
        return normalise(checkpoint.Options) == normalise(wanted) && SameStart(checkpoint.StartedFrom, wanted.InitFromOnnx) ? checkpoint : null;
    }

    /// <summary>A finished reader run with exactly these options and labels is reused instead of training again.</summary>
    private static ReaderCheckpoint? FinishedReader(ReaderOptions wanted)
    {
        if (!ReaderCheckpoint.Exists(wanted.Output))
        {
            return null;
        }

        ReaderCheckpoint checkpoint;
        try
        {
            checkpoint = ReaderCheckpoint.Read(wanted.Output);
        }
        catch (JsonException)
        {
            // A run written by an older version of the reader: train again.
            return null;
        }

        if (checkpoint.Design != SignReader.Design || !checkpoint.Labels.SequenceEqual(SignCatalogue.Labels))
        {
            return null;
        }

        var normalise = (ReaderOptions o) => o with
        {
            Data = Path.GetFullPath(o.Data),
            Output = Path.GetFullPath(o.Output),
            Validation = o.Validation is null ? null : Path.GetFullPath(o.Validation),
        };
        return normalise(checkpoint.Options) == normalise(wanted) && SameStart(checkpoint.StartedFrom, wanted.InitFromOnnx) ? checkpoint : null;
    }

    private static bool SameStart(StartingModel? recorded, string? model) =>
        model is null || (recorded is not null && File.Exists(model) && recorded.Sha256 == StartingModel.HashOf(model));

    private void Render(DatasetRequest request, BuildModelOptions options, IBuildProgress progress, CancellationToken cancellation)
    {
        var images = Path.Combine(request.Folder, "images");
        if (options.ReuseData && File.Exists(Path.Combine(request.Folder, "dataset.json")) && Directory.Exists(images)
            && Directory.GetFiles(images).Length == request.Count)
        {
            return;
        }

        if (Directory.Exists(request.Folder))
        {
            Directory.Delete(request.Folder, recursive: true);
        }

        render(request, progress.Stage($"rendering {request.Purpose}", request.Count), cancellation);
    }
}

/// <summary>Progress sinks for the stages of a build (Spectre.Console bars in the CLI).</summary>
public interface IBuildProgress
{
    IProgress<int> Stage(string name, int total);

    IProgress<TrainProgress> Training(int steps, string name = "training");
}
