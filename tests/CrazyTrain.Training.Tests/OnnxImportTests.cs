using CrazyTrain.Training.Model;
using CrazyTrain.Training.Onnx;
using CrazyTrain.Training.Training;
using static TorchSharp.torch;

namespace CrazyTrain.Training.Tests;

[Collection(TorchCollection.Name)]
public class OnnxImportTests
{
    [Fact]
    public void An_exported_model_imported_and_exported_again_gives_the_same_outputs()
    {
        using var net = TestModels.RandomNet(DetectorShape.Tiny, seed: 5);
        var readers = new[] { TestModels.RandomReader(seed: 8), TestModels.RandomReader(seed: 9) };
        var first = TempModel();
        var second = TempModel();
        try
        {
            File.WriteAllBytes(first, OnnxExporter.Export(net, TestModels.Description(), readers));
            var exported = ExportedModel.Open(first, TestModels.Labels);
            Assert.Equal(DetectorShape.Tiny, exported.Shape);
            Assert.Equal(2, exported.Readers);
            using var imported = exported.Detector();
            var importedReaders = new[] { exported.Reader(0), exported.Reader(1) };
            File.WriteAllBytes(second, OnnxExporter.Export(imported, TestModels.Description(), importedReaders));

            random.manual_seed(12);
            var image = rand(1, 3, 480, 640).data<float>().ToArray();
            using var before = TestModels.Load(first);
            using var after = TestModels.Load(second);
            var (boxesBefore, scoresBefore) = TestModels.RunRaw(before, image);
            var (boxesAfter, scoresAfter) = TestModels.RunRaw(after, image);
            Assert.True(MaxDifference(scoresBefore, scoresAfter) <= 1e-5, $"scores differ by {MaxDifference(scoresBefore, scoresAfter)}");
            Assert.True(MaxDifference(boxesBefore, boxesAfter) <= 1e-5 * 640, $"boxes differ by {MaxDifference(boxesBefore, boxesAfter)}");
            Assert.Contains(scoresBefore, s => s > 0.01f);

            // The TorchSharp nets agree too (evaluation mode), heads and readings alike: the batch norm became an identity plus the folded bias.
            using var x = rand(1, 3, 96, 128);
            using (no_grad())
            {
                var (a, b) = (net.forward(x), imported.forward(x));
                Assert.True((a.Heat - b.Heat).abs().max().item<float>() <= 1e-5);
                Assert.True((a.Offset - b.Offset).abs().max().item<float>() <= 1e-5);
                Assert.True((a.LogSize - b.LogSize).abs().max().item<float>() <= 1e-5);
                using var crops = rand(4, 3, SignCrop.Size, SignCrop.Size);
                for (var i = 0; i < 2; i++)
                {
                    Assert.True((readers[i].forward(crops) - importedReaders[i].forward(crops)).abs().max().item<float>() <= 1e-5, $"reader {i + 1} differs");
                }

                // The readers of the ensemble are told apart by their order in the graph.
                Assert.True((importedReaders[0].forward(crops) - importedReaders[1].forward(crops)).abs().max().item<float>() > 1e-3);
            }

            foreach (var reader in readers.Concat(importedReaders))
            {
                reader.Dispose();
            }
        }
        finally
        {
            File.Delete(first);
            File.Delete(second);
        }
    }

    [Fact]
    public void A_model_of_another_design_is_refused_naming_the_weight()
    {
        using var net = TestModels.RandomNet(DetectorShape.Tiny, seed: 6);
        var path = TempModel();
        try
        {
            File.WriteAllBytes(path, OnnxExporter.Export(net, TestModels.Description()));
            var file = OnnxWeightFile.Read(path);
            var exported = ExportedModel.Open(path, TestModels.Labels);

            Assert.Contains("shape 4,8,8,8,8,8,1,1", Assert.Throws<ArgumentException>(() => exported.Detector(DetectorShape.Standard)).Message, StringComparison.Ordinal);
            Assert.Contains("0 sign reader", Assert.Throws<InvalidDataException>(() => exported.Reader()).Message, StringComparison.Ordinal);

            using var wider = new SignDetectorNet(DetectorShape.Tiny with { Neck = 16 }, TestModels.Labels.Length);
            var misShaped = Assert.Throws<InvalidDataException>(() => wider.Import(new OnnxWeights(file, path))).Message;
            Assert.Matches(@"weight 'lateral32_w_\d+' is \[8, 8, 1, 1\] but this design needs \[16, 8, 1, 1\]", misShaped);

            using var deeper = new SignDetectorNet(DetectorShape.Tiny with { Blocks8 = 2 }, TestModels.Labels.Length);
            Assert.Contains("no weight 'block8_1_dw_w'", Assert.Throws<InvalidDataException>(() => deeper.Import(new OnnxWeights(file, path))).Message, StringComparison.Ordinal);

            var shallowerFile = TempModel();
            try
            {
                File.WriteAllBytes(shallowerFile, OnnxExporter.Export(deeper, TestModels.Description()));
                using var shallower = new SignDetectorNet(DetectorShape.Tiny, TestModels.Labels.Length);
                Assert.Contains("no place for (block8_1_dw_b, block8_1_dw_w", Assert.Throws<InvalidDataException>(() => shallower.Import(new OnnxWeights(OnnxWeightFile.Read(shallowerFile), shallowerFile))).Message, StringComparison.Ordinal);
            }
            finally
            {
                File.Delete(shallowerFile);
            }

            Assert.Contains("trains stop, no_entry", Assert.Throws<InvalidDataException>(() => ExportedModel.Open(path, ["stop", "no_entry"])).Message, StringComparison.Ordinal);
            File.WriteAllBytes(path, [0x0A, 0x05, 0x01]);
            Assert.Contains("is not a readable ONNX model", Assert.Throws<InvalidDataException>(() => OnnxWeightFile.Read(path)).Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Frozen_batch_norm_keeps_its_running_statistics_through_a_training_step()
    {
        using var frozen = TestModels.RandomNet(DetectorShape.Tiny, seed: 7);
        using var free = TestModels.RandomNet(DetectorShape.Tiny, seed: 7);
        Trainer.FreezeBatchNorm(frozen, true);
        var (frozenStats, frozenAffine) = (Statistics(frozen), Affine(frozen));
        var freeStats = Statistics(free);
        Step(frozen);
        Step(free);

        Assert.Equal(frozenStats, Statistics(frozen));
        Assert.NotEqual(frozenAffine, Affine(frozen));
        Assert.NotEqual(freeStats, Statistics(free));
    }

    private static void Step(SignDetectorNet net)
    {
        net.train();
        using var optimizer = optim.AdamW(net.parameters(), 1e-2);
        random.manual_seed(1);
        using var x = rand(2, 3, 64, 64);
        optimizer.zero_grad();
        var head = net.forward(x);
        var loss = head.Heat.sigmoid().mean() + head.LogSize.abs().mean();
        loss.backward();
        optimizer.step();
    }

    private static float[] Statistics(SignDetectorNet net) =>
        net.modules().OfType<RunningBatchNorm>().SelectMany(bn => bn.RunningMean.data<float>().ToArray().Concat(bn.RunningVar.data<float>().ToArray())).ToArray();

    private static float[] Affine(SignDetectorNet net) =>
        net.modules().OfType<RunningBatchNorm>().SelectMany(bn => bn.Weight.data<float>().ToArray().Concat(bn.Bias.data<float>().ToArray())).ToArray();

    private static double MaxDifference(float[] a, float[] b)
    {
        Assert.Equal(a.Length, b.Length);
        return a.Zip(b, (x, y) => Math.Abs((double)x - y)).Max();
    }

    private static string TempModel() => Path.Combine(Path.GetTempPath(), $"import-{Guid.NewGuid():N}.onnx");
}
