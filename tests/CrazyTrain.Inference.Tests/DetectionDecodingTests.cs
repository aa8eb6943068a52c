using CrazyTrain.Inference.Tests.Support;
using CrazyTrain.SignModel.Detections;
using CrazyTrain.SignModel.Runtime;
using OpenCvSharp;

namespace CrazyTrain.Inference.Tests;

/// <summary>Threshold, NMS and box mapping, through real ONNX Runtime runs of fixed-output models.</summary>
public sealed class DetectionDecodingTests : IDisposable
{
    private static readonly float[] Stop = [0.9f, 0, 0, 0, 0];
    private readonly TempFolder _folder = new();

    private DetectionResult Detect(TestModel model, byte[]? image = null, float? threshold = null)
    {
        using var runtime = Models.Load(model, _folder, Guid.NewGuid().ToString("N") + ".onnx");
        return runtime.Detect(image ?? TestImages.Solid(model.Width, model.Height, Scalar.Gray), strict: true, threshold);
    }

    [Fact]
    public void Candidates_at_or_below_the_threshold_are_dropped()
    {
        var result = Detect(new TestModel
        {
            Threshold = 0.5f,
            Anchors =
            [
                ([0, 0, 10, 10], [0.2f, 0.9f, 0, 0, 0]),
                ([20, 20, 30, 30], [0.5f, 0, 0, 0, 0]),
                ([40, 0, 50, 10], [0.1f, 0, 0, 0.3f, 0]),
            ],
        });

        var detection = Assert.Single(result.Detections);
        Assert.Equal("no_entry", detection.Label);
        Assert.Equal(0.9f, detection.Confidence);
        Assert.Equal(new BoundingBox(0, 0, 10, 10), detection.Box);
    }

    [Fact]
    public void The_speed_limits_are_one_sign_whose_score_is_not_split_by_an_unsure_reading()
    {
        // A sign read as 30 or 50 with equal doubt: each reading alone is under the threshold, the sign is not.
        var result = Detect(new TestModel
        {
            Threshold = 0.5f,
            Anchors =
            [
                ([0, 0, 10, 10], [0.1f, 0, 0.35f, 0.3f, 0]),
                ([1, 1, 11, 11], [0, 0, 0.2f, 0.25f, 0]),
                ([30, 30, 40, 40], [0.3f, 0.3f, 0, 0, 0]),
            ],
        });

        var sign = Assert.Single(result.Detections);
        Assert.Equal("speed_limit_30", sign.Label);
        Assert.Equal(0.65f, sign.Confidence, 5);
        Assert.Equal(new BoundingBox(0, 0, 10, 10), sign.Box);
    }

    [Fact]
    public void The_models_own_per_class_thresholds_apply_unless_the_caller_gives_one()
    {
        var model = new TestModel
        {
            MetadataJson = null,
            Threshold = 0.5f,
            ClassThresholds = new() { ["danger"] = 0.2f },
            Anchors = [([0, 0, 10, 10], [0, 0, 0, 0, 0.3f]), ([30, 30, 40, 40], [0.3f, 0, 0, 0, 0])],
        };

        Assert.Equal("danger", Assert.Single(Detect(model).Detections).Label);
        Assert.Empty(Detect(model, threshold: 0.4f).Detections);
    }

    [Fact]
    public void A_threshold_given_by_the_caller_overrides_the_models()
    {
        var model = new TestModel { Anchors = [([0, 0, 10, 10], [0.3f, 0, 0, 0, 0])] };
        Assert.Empty(Detect(model).Detections);
        Assert.Single(Detect(model, threshold: 0.25f).Detections);
    }

    [Fact]
    public void Overlapping_boxes_of_one_class_keep_only_the_most_confident()
    {
        var result = Detect(new TestModel
        {
            Anchors =
            [
                ([10, 10, 30, 30], [0.7f, 0, 0, 0, 0]),
                ([11, 11, 31, 31], [0.95f, 0, 0, 0, 0]),
                ([40, 10, 60, 30], [0.6f, 0, 0, 0, 0]),
            ],
        });

        Assert.Equal(2, result.Detections.Count);
        Assert.Equal(0.95f, result.Detections[0].Confidence);
        Assert.Equal(new BoundingBox(11, 11, 20, 20), result.Detections[0].Box);
        Assert.Equal(new BoundingBox(40, 10, 20, 20), result.Detections[1].Box);
    }

    [Fact]
    public void Overlapping_boxes_of_different_classes_both_stay_unless_class_agnostic()
    {
        IReadOnlyList<(float[], float[])> anchors =
        [
            ([10, 10, 30, 30], [0.8f, 0, 0, 0, 0]),
            ([10, 10, 30, 30], [0, 0, 0.7f, 0, 0]),
        ];

        var perClass = Detect(new TestModel { Anchors = anchors });
        Assert.Equal(["stop", "speed_limit_30"], perClass.Detections.Select(d => d.Label));

        var agnostic = Detect(new TestModel { Anchors = anchors, ClassAgnostic = true });
        Assert.Equal("stop", Assert.Single(agnostic.Detections).Label);
    }

    [Fact]
    public void Boxes_overlapping_less_than_the_IoU_threshold_both_stay()
    {
        // IoU of these two is 100 / 700 = 0.14.
        var result = Detect(new TestModel
        {
            IouThreshold = 0.45f,
            Anchors = [([0, 0, 20, 20], Stop), ([10, 10, 30, 30], [0.8f, 0, 0, 0, 0])],
        });
        Assert.Equal(2, result.Detections.Count);
    }

    [Fact]
    public void At_most_maxDetections_come_out_highest_first()
    {
        var anchors = Enumerable.Range(0, 6)
            .Select(i => (new float[] { i * 10, 0, i * 10 + 8, 8 }, new[] { 0.6f + i * 0.05f, 0, 0, 0, 0 }))
            .ToList();
        var result = Detect(new TestModel { MaxDetections = 3, Anchors = anchors });

        Assert.Equal(3, result.Detections.Count);
        Assert.Equal([0.85f, 0.8f, 0.75f], result.Detections.Select(d => MathF.Round(d.Confidence, 2)));
    }

    [Fact]
    public void Center_format_boxes_are_converted()
    {
        var result = Detect(new TestModel { BoxFormat = "cxcywh", Anchors = [([20, 24, 10, 8], Stop)] });
        Assert.Equal(new BoundingBox(15, 20, 10, 8), Assert.Single(result.Detections).Box);
    }

    [Fact]
    public void Sigmoid_scores_are_activated_before_the_threshold()
    {
        // Logit 2 is 0.881 after the sigmoid; logit -1 is 0.269.
        var result = Detect(new TestModel
        {
            ScoreActivation = "sigmoid",
            Anchors = [([0, 0, 10, 10], [2f, -5, -5, -5, -5]), ([30, 0, 40, 10], [-1f, -5, -5, -5, -5])],
        });

        var detection = Assert.Single(result.Detections);
        Assert.Equal(0.8808f, detection.Confidence, 3);
    }

    [Fact]
    public void Boxes_are_mapped_back_through_the_letterbox_to_frame_pixels()
    {
        // A 128x128 frame in a 64x48 input: scale 0.375, 48x48 picture centred with 8 px of padding left and right.
        var result = Detect(
            new TestModel { Anchors = [([8 + 3, 6, 8 + 27, 30], Stop)] },
            TestImages.Solid(128, 128, Scalar.White));

        Assert.Equal(128, result.Width);
        Assert.Equal(128, result.Height);
        var box = Assert.Single(result.Detections).Box;
        Assert.Equal(8f, box.X, 3);
        Assert.Equal(16f, box.Y, 3);
        Assert.Equal(64f, box.Width, 3);
        Assert.Equal(64f, box.Height, 3);
    }

    [Fact]
    public void Boxes_are_clipped_to_the_frame_and_boxes_only_in_the_padding_are_dropped()
    {
        var result = Detect(
            new TestModel { Anchors = [([0, 0, 4, 4], Stop), ([4, 10, 20, 60], [0, 0.8f, 0, 0, 0])] },
            TestImages.Solid(128, 128, Scalar.White));

        var box = Assert.Single(result.Detections).Box;
        Assert.Equal(0f, box.X);
        Assert.Equal(128f, box.Y + box.Height, 3);
    }

    [Fact]
    public void Stretch_models_map_each_axis_separately()
    {
        var result = Detect(
            new TestModel { Resize = "stretch", Anchors = [([16, 12, 32, 24], Stop)] },
            TestImages.Solid(128, 96, Scalar.White));

        Assert.Equal(new BoundingBox(32, 24, 32, 24), Assert.Single(result.Detections).Box);
    }

    [Fact]
    public void Every_stage_is_timed()
    {
        var timings = Detect(new TestModel(), TestImages.Scene(640, 480)).Timings;
        Assert.True(timings.DecodeMs > 0);
        Assert.True(timings.PreprocessMs > 0);
        Assert.True(timings.InferenceMs > 0);
        Assert.True(timings.PostprocessMs >= 0);
    }

    public void Dispose() => _folder.Dispose();
}
