using System.Globalization;
using CrazyTrain.Signs;
using CrazyTrain.Training.Commands;
using CrazyTrain.Training.Evaluation;
using CrazyTrain.Training.Model;
using CrazyTrain.Training.Training;
using static TorchSharp.torch;

namespace CrazyTrain.Training.Tests;

[Collection(TorchCollection.Name)]
public class SmokeTrainTests
{
    [Fact]
    public void A_tiny_model_trains_exports_and_evaluates_end_to_end()
    {
        var data = DrawnSigns.Write(count: 16, seed: 5);
        var run = Path.Combine(Path.GetTempPath(), $"smoke-run-{Guid.NewGuid():N}");
        var model = Path.Combine(run, "smoke.onnx");
        try
        {
            var options = new TrainOptions { Data = data, Output = run, Shape = "tiny", Steps = 120, BatchSize = 8, Crop = 128, LearningRate = 1e-2, WarmupSteps = 10, Seed = 3, Threads = 1 };
            var checkpoint = Trainer.Run(options, SignCatalogue.Labels, "smoke test");

            var losses = File.ReadLines(Path.Combine(run, "training-log.csv")).Skip(1)
                .Select(l => double.Parse(l.Split(',')[3], CultureInfo.InvariantCulture)).ToList();
            Assert.True(losses[^1] < losses[0] * 0.8, $"loss went {losses[0]} -> {losses[^1]}");
            Assert.StartsWith("sha256:", checkpoint.DatasetHash, StringComparison.Ordinal);

            // Fine-tuning starts from the trained weights: its first loss is near the end of the first run, not the start.
            var fineTune = options with { Output = run + "-ft", InitFrom = run, Steps = 2, WarmupSteps = 1 };
            Trainer.Run(fineTune, SignCatalogue.Labels, "smoke fine-tune");
            var firstFineTuneLoss = double.Parse(File.ReadLines(Path.Combine(fineTune.Output, "training-log.csv")).Skip(1).First().Split(',')[3], CultureInfo.InvariantCulture);
            Directory.Delete(fineTune.Output, recursive: true);
            Assert.True(firstFineTuneLoss < losses[0] * 0.8, $"fine-tune started at {firstFineTuneLoss}, fresh run at {losses[0]}");

            var strict = SignCatalogue.Labels[0];
            var description = ExportCommand.Export(run, model, threshold: 0.3, version: "0.0.1", new Dictionary<string, double> { ["syntheticMap50"] = 0.5 },
                classThresholds: new Dictionary<string, double> { [strict] = 0.9 });
            Assert.Equal("smoke test", description.Provenance?.Command);
            Assert.Equal(3, description.Provenance?.Seed);

            // Continuing from the exported file (as build-model --from-shipped does) also starts near the end, and says so.
            var fromOnnx = options with { Output = run + "-onnx", InitFromOnnx = model, Steps = 2, WarmupSteps = 1 };
            var continued = Trainer.Run(fromOnnx, SignCatalogue.Labels, "smoke fine-tune from onnx");
            var firstOnnxLoss = double.Parse(File.ReadLines(Path.Combine(fromOnnx.Output, "training-log.csv")).Skip(1).First().Split(',')[3], CultureInfo.InvariantCulture);
            Directory.Delete(fromOnnx.Output, recursive: true);
            Assert.True(firstOnnxLoss < losses[0] * 0.8, $"fine-tune from ONNX started at {firstOnnxLoss}, fresh run at {losses[0]}");
            Assert.Equal(model, continued.StartedFrom!.Path);
            Assert.Equal("0.0.1", continued.StartedFrom.Version);
            Assert.True(fromOnnx.FreezesBatchNorm);

            // The trained weights (BN statistics included) survive save -> load -> export.
            using var net = Trainer.LoadNet(run, out _);
            random.manual_seed(2);
            using var image = rand(1, 3, 480, 640);
            Tensor expectedScores;
            using (no_grad())
            {
                (_, expectedScores) = BoxDecoder.Decode(net.forward(image));
            }

            using var detector = TestModels.Load(model);
            var (_, scores) = TestModels.RunRaw(detector, image.data<float>().ToArray());
            Assert.True(expectedScores.data<float>().ToArray().Zip(scores, (e, a) => Math.Abs(e - a)).Max() <= 1e-4);
            Assert.Equal(0.5, detector.Model.Card.Metrics?["syntheticMap50"]);

            var report = FolderEvaluator.Evaluate(model, data, threshold: null);
            Assert.Equal(16, report.Images);
            // The card stores a float32 threshold; the evaluator compares with exactly that value, as the service does.
            Assert.Equal(0.3f, (float)report.Threshold);
            // Without --threshold the model's own per-class thresholds apply, as in detect and the service; with one, that one alone.
            Assert.Equal(0.9f, (float)report.ClassThresholds![strict]);
            Assert.Null(FolderEvaluator.Evaluate(model, data, threshold: 0.3).ClassThresholds);
            Assert.True(report.Classes.Sum(c => c.GroundTruth) > 16);
            Assert.NotNull(report.Distractors);
            Assert.True(report.Distractors.Distractors > 0);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
            if (Directory.Exists(run))
            {
                Directory.Delete(run, recursive: true);
            }
        }
    }
}
