using CrazyTrain.SignModel.Metadata;
using CrazyTrain.Training.Model;
using CrazyTrain.Training.Onnx;
using static TorchSharp.torch;

namespace CrazyTrain.Training.Tests;

[Collection(TorchCollection.Name)]
public class OnnxParityTests
{
    [Fact]
    public void Onnx_runtime_output_equals_torch_output_on_the_same_frame()
    {
        using var net = TestModels.RandomNet(DetectorShape.Standard, seed: 3);
        var path = Path.Combine(Path.GetTempPath(), $"parity-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, OnnxExporter.Export(net, TestModels.Description()));
        try
        {
            random.manual_seed(11);
            using var image = rand(1, 3, 480, 640);
            Tensor torchBoxes;
            Tensor torchScores;
            float[] peakMargin;
            using (no_grad())
            {
                var head = net.forward(image);
                (torchBoxes, torchScores) = BoxDecoder.Decode(head);
                var pooled = nn.functional.max_pool2d(head.Heat, 3, stride: 1, padding: 1);
                peakMargin = (pooled - head.Heat - BoxDecoder.PeakTolerance).abs().reshape(5, -1).t().contiguous().data<float>().ToArray();
            }

            using var runtime = TestModels.Load(path);
            var (boxes, scores) = TestModels.RunRaw(runtime, image.data<float>().ToArray());

            var expectedBoxes = torchBoxes.data<float>().ToArray();
            var expectedScores = torchScores.data<float>().ToArray();
            Assert.Equal(120 * 160 * 4, boxes.Length);
            Assert.Equal(120 * 160 * 5, scores.Length);
            Assert.Equal(expectedBoxes.Length, boxes.Length);
            Assert.Equal(expectedScores.Length, scores.Length);

            // Scores are probabilities: absolute 1e-4. The peak test may flip only at a genuine near-tie, where the
            // neighbour's lead is within 1e-4 of the peak tolerance; there the score is compared as "either". Box corners are centre -/+ half size, so they carry the
            // rounding of numbers up to the box's largest coordinate (one float32 step at 640 is 6e-5): each corner
            // gets 1e-4 relative to max(1, that box's largest |coordinate|).
            var flips = Enumerable.Range(0, scores.Length).Where(i => (expectedScores[i] == 0) != (scores[i] == 0)).ToList();
            Assert.All(flips, i => Assert.True(peakMargin[i] < 1e-4, $"peak flip at {i} with margin {peakMargin[i]}"));
            Assert.True(flips.Count < 20, $"{flips.Count} peak flips");
            var worstScore = Enumerable.Range(0, scores.Length).Except(flips).Max(i => Math.Abs(expectedScores[i] - scores[i]));
            var worstBox = Enumerable.Range(0, boxes.Length)
                .Max(i => Math.Abs(expectedBoxes[i] - boxes[i]) / BoxScale(expectedBoxes, i / 4));
            Assert.True(worstScore <= 1e-4, $"largest score difference {worstScore}");
            Assert.True(worstBox <= 1e-4, $"largest relative box difference {worstBox}");
            Assert.Contains(expectedScores, s => s > 0.01f);
            Assert.Contains(expectedScores, s => s == 0f);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static double BoxScale(float[] boxes, int box) =>
        Math.Max(1.0, boxes.Skip(box * 4).Take(4).Max(v => Math.Abs((double)v)));

    [Fact]
    public void Metadata_carries_the_contract_document()
    {
        using var net = TestModels.RandomNet(DetectorShape.Tiny, seed: 1);
        var path = Path.Combine(Path.GetTempPath(), $"meta-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, OnnxExporter.Export(net, TestModels.Description()));
        try
        {
            using var runtime = TestModels.Load(path);
            var description = runtime.Model.Card;
            Assert.Equal(1, description.Schema);
            Assert.Equal("crazytrain-signs", description.Name);
            Assert.Equal(TestModels.Labels, description.Labels);
            Assert.Equal("image", description.Input.Name);
            Assert.Equal(ResizeMode.Letterbox, description.Input.Resize);
            Assert.Equal(OutputDecoding.BoxesScores, description.Output.Decoding);
            Assert.Equal(ColorOrder.Rgb, description.Input.ColorOrder);
            Assert.Equal(114, description.Input.PadValue);
            Assert.Equal(ScoreActivation.None, description.Output.ScoreActivation);
            Assert.Equal(BoxFormat.Xyxy, description.Output.BoxFormat);
            Assert.Equal("test", description.Provenance?.Command);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
