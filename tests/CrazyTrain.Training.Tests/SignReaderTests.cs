using System.Globalization;
using CrazyTrain.Signs;
using CrazyTrain.Training.Model;
using CrazyTrain.Training.Onnx;
using CrazyTrain.Training.Reading;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using OpenCvSharp;
using static TorchSharp.torch;

namespace CrazyTrain.Training.Tests;

[Collection(TorchCollection.Name)]
public class SignReaderTests
{
    private const int CropLength = 3 * SignCrop.Size * SignCrop.Size;

    /// <summary>Boxes inside, across the edges of and partly outside a 64x48 image, from 3 px to larger than the image.</summary>
    private static readonly float[][] Boxes =
    [
        [10, 8, 30, 30], [0, 0, 12, 9], [50.5f, 35.2f, 70, 52], [-6, -4, 9, 10], [20.3f, 17.7f, 23.1f, 20.9f], [-10, -10, 80, 60], [40, 2, 63.9f, 47.9f],
    ];

    [Fact]
    public void Sign_crops_equal_onnx_runtime_RoiAlign()
    {
        var (width, height) = (64, 48);
        var image = RandomPlanes(width, height, seed: 4);
        var graph = new OnnxGraph();
        graph.Input("image", 1, 3, height, width);
        graph.Input("regions", Boxes.Length, 4);
        graph.Node("RoiAlign", ["image", "regions", graph.Int64Initializer("batch", new long[Boxes.Length], Boxes.Length)], a => a
            .String("mode", "avg").String("coordinate_transformation_mode", "half_pixel")
            .Int("output_height", SignCrop.Size).Int("output_width", SignCrop.Size).Int("sampling_ratio", SignCrop.SamplingRatio).Float("spatial_scale", 1f), output: "crops");
        graph.Output("crops", Boxes.Length, 3, SignCrop.Size, SignCrop.Size);
        var regions = Boxes.Select(b => SignCrop.Region(b[0], b[1], b[2], b[3])).ToArray();

        var crops = Run(graph, ("image", image, [1, 3, height, width]), ("regions", regions.SelectMany(r => new[] { r.X1, r.Y1, r.X2, r.Y2 }).ToArray(), [Boxes.Length, 4]))["crops"];

        var expected = new float[CropLength];
        for (var i = 0; i < Boxes.Length; i++)
        {
            SignCrop.Cut(image, width, height, regions[i], expected);
            var worst = expected.Select((e, j) => Math.Abs(e - crops[(i * CropLength) + j])).Max();
            Assert.True(worst <= 1e-5, $"box {i}: largest difference {worst}");
        }

        // Regions reaching more than a pixel outside the image read zeros there, as RoiAlign does.
        SignCrop.Cut(image, width, height, regions[5], expected);
        Assert.Equal(0f, expected[0]);
    }

    [Fact]
    public void A_crop_of_a_bgr_frame_equals_the_crop_of_its_input_tensor()
    {
        using var frame = new Mat(48, 64, MatType.CV_8UC3);
        Cv2.Randu(frame, Scalar.All(0), Scalar.All(256));
        var planes = new float[3 * 48 * 64];
        for (var y = 0; y < 48; y++)
        {
            for (var x = 0; x < 64; x++)
            {
                var bgr = frame.At<Vec3b>(y, x);
                planes[(y * 64) + x] = bgr.Item2 / 255f;
                planes[(48 * 64) + (y * 64) + x] = bgr.Item1 / 255f;
                planes[(2 * 48 * 64) + (y * 64) + x] = bgr.Item0 / 255f;
            }
        }

        var fromFrame = new float[CropLength];
        var fromTensor = new float[CropLength];
        foreach (var box in Boxes)
        {
            var region = SignCrop.Region(box[0], box[1], box[2], box[3]);
            SignCrop.Cut(frame, region, [1f, 1f, 1f], fromFrame);
            SignCrop.Cut(planes, 64, 48, region, fromTensor);
            Assert.True(fromFrame.Zip(fromTensor, (a, b) => Math.Abs(a - b)).Max() <= 1e-5);
        }

        // The gains scale each RGB channel (colour augmentation).
        var region0 = SignCrop.Region(10, 8, 30, 30);
        SignCrop.Cut(frame, region0, [2f, 1f, 0.5f], fromFrame);
        SignCrop.Cut(planes, 64, 48, region0, fromTensor);
        Assert.Equal(2 * fromTensor[5], fromFrame[5], 4);
        Assert.Equal(0.5f * fromTensor[(2 * SignCrop.Size * SignCrop.Size) + 5], fromFrame[(2 * SignCrop.Size * SignCrop.Size) + 5], 4);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void The_reading_stage_in_the_graph_equals_the_torch_stage(int readerCount)
    {
        var (width, height, cells, labels) = (64, 48, 120, TestModels.Labels);
        var readers = Enumerable.Range(0, readerCount).Select(i => TestModels.RandomReader(seed: 7 + i)).ToList();
        var image = RandomPlanes(width, height, seed: 5);
        var random = new Random(9);
        var boxes = new float[cells * 4];
        var scores = new float[cells * labels.Length];
        for (var i = 0; i < cells; i++)
        {
            var (x, y, size) = ((float)(random.NextDouble() * width), (float)(random.NextDouble() * height), 4 + (float)(random.NextDouble() * 30));
            (boxes[i * 4], boxes[(i * 4) + 1], boxes[(i * 4) + 2], boxes[(i * 4) + 3]) = (x - size, y - size, x + size, y + size);
            for (var c = 0; c < labels.Length; c++)
            {
                // Distinct scores, a third of them 0 as at cells that are no peak.
                scores[(i * labels.Length) + c] = random.Next(3) == 0 ? 0 : (float)random.NextDouble();
            }
        }

        var graph = new OnnxGraph();
        graph.Input("image", 1, 3, height, width);
        graph.Input("boxes", 1, cells, 4);
        graph.Input("detector_scores", 1, cells, labels.Length);
        ReadingStage.Export(graph, readers, "image", "boxes", "detector_scores", labels.Length, "scores");
        graph.Output("scores", 1, cells, labels.Length);
        var actual = Run(graph, ("image", image, [1, 3, height, width]), ("boxes", boxes, [1, cells, 4]), ("detector_scores", scores, [1, cells, labels.Length]))["scores"];

        using var expectedTensor = ReadingStage.Apply(readers, image, width, height, tensor(boxes, [1, cells, 4]), tensor(scores, [1, cells, labels.Length]));
        var expected = expectedTensor.data<float>().ToArray();
        Assert.True(expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max() <= 1e-4, "the graph and torch disagree");

        // Only the top candidates keep a score, and none rises above the candidate's own best score: every cell the
        // reader did not read scores 0 (the detector's unchecked guesses never reach the output).
        var scored = Enumerable.Range(0, scores.Length).Where(i => actual[i] != 0).Select(i => i / labels.Length).Distinct().ToList();
        Assert.Equal(ReadingStage.Candidates, scored.Count);
        Assert.True(Enumerable.Range(0, cells).Count(c => scores.Skip(c * labels.Length).Take(labels.Length).Max() > 0) > ReadingStage.Candidates);
        Assert.All(Enumerable.Range(0, scores.Length), i =>
            Assert.True(actual[i] <= scores.Skip(i / labels.Length * labels.Length).Take(labels.Length).Max() + 1e-6));

        // The hard-negative miner's graph keeps the unread cells' own scores; the read cells are the same.
        var miner = new OnnxGraph();
        miner.Input("image", 1, 3, height, width);
        miner.Input("boxes", 1, cells, 4);
        miner.Input("detector_scores", 1, cells, labels.Length);
        ReadingStage.Export(miner, readers, "image", "boxes", "detector_scores", labels.Length, "scores", keepUnreadScores: true);
        miner.Output("scores", 1, cells, labels.Length);
        var mined = Run(miner, ("image", image, [1, 3, height, width]), ("boxes", boxes, [1, cells, 4]), ("detector_scores", scores, [1, cells, labels.Length]))["scores"];
        Assert.All(Enumerable.Range(0, scores.Length), i =>
            Assert.Equal(scored.Contains(i / labels.Length) ? actual[i] : scores[i], mined[i]));

        if (readerCount > 1)
        {
            // The ensemble averages: its scores are not the first reader's alone.
            using var first = ReadingStage.Apply(readers.Take(1).ToList(), image, width, height, tensor(boxes, [1, cells, 4]), tensor(scores, [1, cells, labels.Length]));
            Assert.True(first.data<float>().ToArray().Zip(expected, (a, b) => Math.Abs(a - b)).Max() > 1e-3);
        }

        readers.ForEach(r => r.Dispose());
    }

    [Fact]
    public void A_reader_trains_on_drawn_signs_and_goes_into_the_exported_model()
    {
        var data = DrawnSigns.Write(count: 16, seed: 6);
        var run = Path.Combine(Path.GetTempPath(), $"reader-run-{Guid.NewGuid():N}");
        var alone = Path.Combine(run, "alone.onnx");
        var withReader = Path.Combine(run, "with-reader.onnx");
        try
        {
            var options = new ReaderOptions { Data = data, Validation = data, Output = run, Steps = 150, BatchSize = 24, WarmupSteps = 10, LearningRate = 5e-3, Seed = 2 };
            var checkpoint = ReaderTrainer.Run(options, SignCatalogue.Labels, "reader smoke test");

            var losses = File.ReadLines(Path.Combine(run, "reader-log.csv")).Skip(1)
                .Select(l => double.Parse(l.Split(',')[3], CultureInfo.InvariantCulture)).ToList();
            Assert.True(losses[^1] < losses[0] * 0.5, $"loss went {losses[0]} -> {losses[^1]}");
            Assert.Equal(150, checkpoint.StepsCompleted);
            Assert.All(checkpoint.Signs, n => Assert.True(n > 0));
            var report = checkpoint.Validation!;
            Assert.Equal(checkpoint.Signs.Sum(), report.Confusion.Sum(row => row.Sum()));

            // Drawn signs differ in colour and digit: a trained reader tells them apart.
            Assert.Equal(["other", .. SignCatalogue.Labels], report.Readings);
            Assert.All(report.Recall.Skip(1), r => Assert.True(r > 0.7, $"recall {string.Join(", ", report.Recall)}"));
            Assert.Equal(checkpoint.Validation!.Confusion, ReaderCheckpoint.Read(run).Validation!.Confusion);

            using var net = TestModels.RandomNet(DetectorShape.Tiny, seed: 4);
            using var loaded = ReaderTrainer.Load(run);

            // Weights of another design are refused by name instead of failing inside libtorch.
            var otherDesign = Path.Combine(run, "other-design");
            Directory.CreateDirectory(otherDesign);
            File.Copy(Path.Combine(run, ReaderCheckpoint.WeightsFile), Path.Combine(otherDesign, ReaderCheckpoint.WeightsFile));
            (checkpoint with { Design = "conv16, conv32/2" }).Write(otherDesign);
            Assert.Contains("another design", Assert.Throws<InvalidDataException>(() => ReaderTrainer.Load(otherDesign)).Message, StringComparison.Ordinal);
            File.WriteAllBytes(alone, OnnxExporter.Export(net, TestModels.Description()));
            File.WriteAllBytes(withReader, OnnxExporter.Export(net, TestModels.Description(), [loaded]));
            random.manual_seed(3);
            var image = rand(1, 3, 480, 640).data<float>().ToArray();
            using var detectorAlone = TestModels.Load(alone);
            using var detectorWithReader = TestModels.Load(withReader);
            var (boxesAlone, scoresAlone) = TestModels.RunRaw(detectorAlone, image);
            var (boxes, scores) = TestModels.RunRaw(detectorWithReader, image);

            Assert.Equal(boxesAlone, boxes);
            Assert.Equal(scoresAlone.Length, scores.Length);
            var changed = Enumerable.Range(0, scores.Length).Where(i => scores[i] != scoresAlone[i]).ToList();
            Assert.NotEmpty(changed);
            Assert.True(Enumerable.Range(0, scores.Length).Where(i => scores[i] != 0).Select(i => i / 5).Distinct().Count() <= ReadingStage.Candidates);

            // A reader run can start from the exported graph's reader: its first loss is near the trained end, not the fresh start.
            var fromOnnx = options with { Output = run + "-onnx", InitFromOnnx = withReader, Steps = 2, WarmupSteps = 1, Validation = null };
            var continued = ReaderTrainer.Run(fromOnnx, SignCatalogue.Labels, "reader from onnx");
            var firstOnnxLoss = double.Parse(File.ReadLines(Path.Combine(fromOnnx.Output, "reader-log.csv")).Skip(1).First().Split(',')[3], CultureInfo.InvariantCulture);
            Directory.Delete(fromOnnx.Output, recursive: true);
            Assert.True(firstOnnxLoss < losses[0] * 0.5, $"reader from ONNX started at {firstOnnxLoss}, fresh at {losses[0]}");
            Assert.Equal(withReader, continued.StartedFrom!.Path);
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

    [Fact]
    public void A_reader_of_other_labels_is_refused_at_export()
    {
        using var net = TestModels.RandomNet(DetectorShape.Tiny, seed: 1);
        using var reader = new SignReader(["stop", "no_entry", "speed_limit_30", "speed_limit_50", "give_way"]);
        var error = Assert.Throws<ArgumentException>(() => OnnxExporter.Export(net, TestModels.Description(), [reader]));
        Assert.Contains("give_way", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sampler_draws_a_third_other_and_shares_the_rest_among_the_classes_repeatably()
    {
        var data = DrawnSigns.Write(count: 12, seed: 8);
        var images = Training.TrainingImage.Load(data);
        try
        {
            var first = new ReaderSampler(images, SignCatalogue.Labels, seed: 5).Next(300);
            var again = new ReaderSampler(images, SignCatalogue.Labels, seed: 5).Next(300);
            Assert.Equal(first.Readings, again.Readings);
            Assert.Equal(first.Crops, again.Crops);
            Assert.InRange(first.Readings.Count(x => x == 0), 70, 130);
            Assert.All(Enumerable.Range(1, 5), r => Assert.InRange(first.Readings.Count(x => x == r), 20, 65));
            Assert.Contains(first.Crops, v => v > 0.1f);

            // Focus classes are drawn twice as often as the others; an unknown focus label is refused.
            var focused = new ReaderSampler(images, SignCatalogue.Labels, seed: 5, focus: "speed_limit_30,speed_limit_50").Next(700);
            Assert.InRange(focused.Readings.Count(x => x == 3) + focused.Readings.Count(x => x == 4), 220, 310);
            Assert.InRange(focused.Readings.Count(x => x == 1), 40, 100);
            Assert.Contains("give_way", Assert.Throws<ArgumentException>(() => new ReaderSampler(images, SignCatalogue.Labels, 1, "give_way")).Message, StringComparison.Ordinal);

            var withoutFifty = images.Select(i => new Training.TrainingImage(i.Bgr, i.Boxes.Where(b => b.ClassId != 3).ToList(), i.Distractors)).ToList();
            var error = Assert.Throws<InvalidDataException>(() => new ReaderSampler(withoutFifty, SignCatalogue.Labels, seed: 1));
            Assert.Contains("speed_limit_50", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var image in images)
            {
                image.Dispose();
            }

            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public void Hard_negatives_are_read_as_other_and_none_leave_the_draws_unchanged()
    {
        var data = DrawnSigns.Write(count: 12, seed: 8);
        var images = Training.TrainingImage.Load(data);
        try
        {
            // No hard negatives: exactly the crops of runs from before they existed.
            var plain = new ReaderSampler(images, SignCatalogue.Labels, seed: 5).Next(200);
            var none = new ReaderSampler(images, SignCatalogue.Labels, seed: 5, hardNegatives: []).Next(200);
            Assert.Equal(plain.Readings, none.Readings);
            Assert.Equal(plain.Crops, none.Crops);

            // A magenta patch away from every sign of one frame, mined: drawn, always as "other", only when mined.
            var frame = images[0];
            var patch = FreeSquare(frame, 24);
            Cv2.Rectangle(frame.Bgr, patch, new Scalar(255, 0, 255), -1);
            var mined = new ReaderSampler(images, SignCatalogue.Labels, seed: 5, hardNegatives: [(0, new Data.LabelledBox(-1, patch.Left, patch.Top, patch.Right, patch.Bottom))]);
            Assert.Equal(1, mined.HardNegativeCount);
            var batch = mined.Next(600);
            var magenta = Enumerable.Range(0, batch.Size).Where(i => IsMagenta(batch, i)).ToList();
            Assert.InRange(magenta.Count, 30, 110); // 600 x 1/3 "other" x 0.3 hard negatives = 60
            Assert.All(magenta, i => Assert.Equal(0, batch.Readings[i]));
            var unmined = new ReaderSampler(images, SignCatalogue.Labels, seed: 5).Next(600);
            Assert.True(Enumerable.Range(0, unmined.Size).Count(i => IsMagenta(unmined, i)) < 10);
        }
        finally
        {
            foreach (var image in images)
            {
                image.Dispose();
            }

            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>A square of the frame at least 8 px from every sign and distractor box.</summary>
    private static Rect FreeSquare(Training.TrainingImage frame, int size)
    {
        for (var y = 0; y + size <= frame.Height; y += 4)
        {
            for (var x = 0; x + size <= frame.Width; x += 4)
            {
                if (frame.Boxes.Concat(frame.Distractors).All(b => x + size + 8 < b.X1 || x - 8 > b.X2 || y + size + 8 < b.Y1 || y - 8 > b.Y2))
                {
                    return new Rect(x, y, size, size);
                }
            }
        }

        throw new InvalidOperationException("No free square in the frame.");
    }

    private static bool IsMagenta(ReaderBatch batch, int slot)
    {
        const int plane = SignCrop.Size * SignCrop.Size;
        var means = Enumerable.Range(0, 3).Select(c => batch.Crops.AsSpan(((slot * 3) + c) * plane, plane).ToArray().Average()).ToArray();
        return means[0] - means[1] > 0.3 && means[2] - means[1] > 0.3;
    }

    private static float[] RandomPlanes(int width, int height, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, 3 * width * height).Select(_ => (float)random.NextDouble()).ToArray();
    }

    private static Dictionary<string, float[]> Run(OnnxGraph graph, params (string Name, float[] Data, int[] Dims)[] inputs)
    {
        using var session = new InferenceSession(graph.ToBytes("test", "tests"));
        using var results = session.Run(inputs.Select(i => NamedOnnxValue.CreateFromTensor(i.Name, new DenseTensor<float>(i.Data, i.Dims))).ToList());
        return results.ToDictionary(r => r.Name, r => r.AsEnumerable<float>().ToArray());
    }
}
