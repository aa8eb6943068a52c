using CrazyTrain.Training.Data;
using CrazyTrain.Training.Evaluation;

namespace CrazyTrain.Training.Tests;

public class EvaluatorTests
{
    [Fact]
    public void All_point_ap_matches_the_hand_computed_value()
    {
        // Ranked TP FP TP FP TP over 3 boxes: recall 1/3,1/3,2/3,2/3,1; precision 1,1/2,2/3,1/2,3/5.
        // Interpolated: 1, 2/3, 2/3, 3/5, 3/5 -> AP = 1/3*1 + 1/3*2/3 + 1/3*3/5 = 34/45.
        var ranked = new[] { (0.9, true), (0.8, false), (0.7, true), (0.6, false), (0.5, true) }
            .Select(t => new RankedDetection(t.Item1, t.Item2));

        Assert.Equal(34.0 / 45.0, AveragePrecision.Compute(ranked, 3), 12);
    }

    [Fact]
    public void Ap_ignores_input_order_and_counts_missed_boxes()
    {
        // Only 1 of 2 boxes is found, first: AP = 1/2.
        var ranked = new[] { new RankedDetection(0.2, false), new RankedDetection(0.9, true) };
        Assert.Equal(0.5, AveragePrecision.Compute(ranked, 2), 12);
        Assert.Equal(0.0, AveragePrecision.Compute([], 2));
        Assert.True(double.IsNaN(AveragePrecision.Compute([new RankedDetection(0.9, false)], 0)));
    }

    [Fact]
    public void Hard_negatives_are_confident_detections_away_from_every_target()
    {
        var image = new ImageResult(
            [new LabelledBox(0, 100, 100, 120, 120)],
            [
                TestModels.Detected(0, "stop", 0.9f, 101, 101, 121, 121),        // the sign itself
                TestModels.Detected(4, "danger", 0.5f, 200, 40, 230, 70),        // a poster: a hard negative
                TestModels.Detected(2, "speed_limit_30", 0.1f, 20, 20, 40, 40),   // too unsure to teach anything
                TestModels.Detected(1, "no_entry", 0.6f, 300, 200, 310, 210),     // on a sign left out of the labels
                TestModels.Detected(4, "danger", 0.7f, 80, 80, 104, 104),         // a corner on the sign: not "no sign"
            ],
            [])
        {
            Ignored = [new LabelledBox(-1, 299, 199, 311, 211)],
        };
        var empty = new ImageResult([], [], []);

        var found = HardNegatives.Find([empty, image]);

        var (index, box) = Assert.Single(found);
        Assert.Equal(1, index);
        Assert.Equal(new LabelledBox(-1, 200, 40, 230, 70), box);
    }

    [Fact]
    public void Each_style_is_scored_on_its_own_images()
    {
        string[] labels = ["stop", "no_entry", "speed_limit_30", "speed_limit_50", "danger"];
        ImageResult Stop(string? style, bool found) => new(
            [new LabelledBox(0, 0, 0, 20, 20)],
            found ? [TestModels.Detected(0, "stop", 0.9f, 0, 0, 20, 20)] : [],
            []) { Style = style };
        ImageResult[] images = [Stop("train-webcam", found: false), Stop("phone-track", found: true), Stop("phone-track", found: true), Stop(null, found: false)];

        var byStyle = DetectionScorer.ByStyle(images, ["train-webcam", "phone-track", "attic-skylight"], labels, threshold: 0.5);

        Assert.Equal(["train-webcam", "phone-track"], byStyle.Select(s => s.Style));
        Assert.Equal(1, byStyle[0].Report.Images);
        Assert.Equal(0.0, byStyle[0].Report.Map50, 12);
        Assert.Equal(2, byStyle[1].Report.Images);
        Assert.Equal(1.0, byStyle[1].Report.Map50, 12);
    }

    [Fact]
    public void Folder_scores_match_the_hand_computed_case()
    {
        string[] labels = ["stop", "no_entry", "speed_limit_30", "speed_limit_50", "danger"];
        var first = new ImageResult(
            [new LabelledBox(0, 0, 0, 20, 20), new LabelledBox(4, 100, 100, 140, 140)],
            [
                TestModels.Detected(0, "stop", 0.9f, 1, 1, 21, 21),       // IoU 361/439 = 0.82: true positive
                TestModels.Detected(0, "stop", 0.6f, 0, 0, 20, 20),       // same box again: false positive
                TestModels.Detected(4, "danger", 0.4f, 100, 100, 140, 140), // true positive below the 0.5 threshold
            ],
            []);
        var second = new ImageResult(
            [new LabelledBox(0, 50, 50, 70, 70)],
            [TestModels.Detected(1, "no_entry", 0.8f, 200, 200, 230, 230)],
            [("parking", new LabelledBox(-1, 200, 200, 230, 230)), ("bus_stop", new LabelledBox(-1, 300, 300, 330, 330))]);

        var report = DetectionScorer.Score([first, second], labels, threshold: 0.5);

        var stop = report.Classes[0];
        Assert.Equal(2, stop.GroundTruth);
        Assert.Equal(0.5, stop.Ap50, 12);          // TP then FP over 2 boxes
        Assert.Equal(1.0, report.Classes[4].Ap50, 12);
        Assert.True(double.IsNaN(report.Classes[1].Ap50));
        Assert.Equal(0.75, report.Map50, 12);      // mean over the classes that have boxes
        Assert.Equal(1.0 / 3.0, report.Precision, 12); // 1 TP, 2 FP (stop duplicate, no_entry) at 0.5
        Assert.Equal(1.0 / 3.0, report.Recall, 12);    // 1 of 3 boxes
        Assert.Equal(1, stop.TruePositives);
        Assert.Equal(1, stop.FalsePositives);

        var small = report.Sizes.Single(s => s.Bucket == "16-32px");
        Assert.Equal(2, small.GroundTruth);
        Assert.Equal(0.5, small.Recall, 12);
        var medium = report.Sizes.Single(s => s.Bucket == "32-64px");
        Assert.Equal(1, medium.GroundTruth);
        Assert.Equal(0.0, medium.Recall, 12);
        Assert.Equal(1.0, medium.Ap50, 12);

        Assert.NotNull(report.Distractors);
        Assert.Equal(2, report.Distractors.Distractors);
        Assert.Equal(1, report.Distractors.DetectedAsTarget);
        Assert.Equal(0.5, report.Distractors.ConfusionRate, 12);
        Assert.Equal(1, report.Distractors.DetectedByKind["parking"]);
    }

    [Fact]
    public void By_kind_a_speed_limit_read_with_the_wrong_number_is_still_found()
    {
        string[] labels = ["stop", "no_entry", "speed_limit_30", "speed_limit_50", "danger"];
        var image = new ImageResult(
            [new LabelledBox(2, 0, 0, 30, 30), new LabelledBox(4, 100, 100, 140, 140)],
            [
                TestModels.Detected(3, "speed_limit_50", 0.42f, 0, 0, 30, 30), // a 30 sign read as 50
                TestModels.Detected(4, "danger", 0.9f, 100, 100, 140, 140),
            ],
            []);

        var report = DetectionScorer.Score([image], labels, threshold: 0.45, classThresholds: new Dictionary<string, double> { ["speed_limit_50"] = 0.4 });

        Assert.Equal(0.0, report.Classes[2].Ap50, 12);   // per class: the 30 sign is missed ...
        Assert.Equal(1, report.Classes[3].FalsePositives); // ... and the 50 reading is wrong
        var kinds = Assert.IsType<EvaluationReport>(report.BySignKind);
        Assert.Equal(["stop", "no_entry", KindScoring.SpeedLimit, "danger"], kinds.Classes.Select(c => c.Label));
        var speedLimit = kinds.Classes[2];
        Assert.Equal(1.0, speedLimit.Ap50, 12);
        Assert.Equal(1, speedLimit.TruePositives);         // above the kind's threshold, the lowest of its labels' (0.40)
        Assert.Equal(1.0, kinds.Map50, 12);
        Assert.Null(kinds.BySignKind);
    }

    [Fact]
    public void The_operating_threshold_is_the_most_sensitive_one_on_the_f1_plateau()
    {
        string[] labels = ["stop", "no_entry", "speed_limit_30", "speed_limit_50", "danger"];
        // Ten signs, each found once at 0.9; at 0.3 one more (duplicate) false positive per image.
        var images = Enumerable.Range(0, 10).Select(i => new ImageResult(
            [new LabelledBox(0, 0, 0, 20, 20)],
            [TestModels.Detected(0, "stop", 0.9f, 0, 0, 20, 20), TestModels.Detected(0, "stop", 0.3f, 100, 100, 120, 120)],
            [])).ToList();

        // F1 is 1.0 for every threshold above 0.3 and 2/3 at or below it: the lowest of the plateau wins.
        Assert.Equal(0.35, DetectionScorer.BestF1Threshold(images, labels, [0.2, 0.25, 0.3, 0.35, 0.5, 0.8]), 12);
        Assert.Throws<ArgumentException>(() => DetectionScorer.BestF1Threshold(images, labels, []));
    }

    [Fact]
    public void A_class_found_better_with_a_lower_bar_gets_one_down_to_the_floor()
    {
        string[] labels = ["stop", "no_entry", "speed_limit_30", "speed_limit_50", "danger"];
        // Stop signs found at 0.9 with a false alarm at 0.35 beside them; danger signs found only at 0.22.
        var images = Enumerable.Range(0, 10).Select(i => new ImageResult(
            [new LabelledBox(0, 0, 0, 20, 20), new LabelledBox(4, 100, 0, 120, 20)],
            [TestModels.Detected(0, "stop", 0.9f, 0, 0, 20, 20), TestModels.Detected(0, "stop", 0.35f, 200, 0, 220, 20), TestModels.Detected(4, "danger", 0.22f, 100, 0, 120, 20)],
            [])).ToList();
        double[] candidates = [0.15, 0.2, 0.25, 0.4, 0.5];

        // Stop is best at the ceiling and keeps it, classes the set has no sign of keep it too; danger takes the lowest
        // candidate of its plateau, or the floor.
        Assert.Equal(new Dictionary<string, double> { ["danger"] = 0.15 }, DetectionScorer.ClassThresholds(images, labels, candidates, ceiling: 0.4));
        Assert.Equal(new Dictionary<string, double> { ["danger"] = 0.2 }, DetectionScorer.ClassThresholds(images, labels, candidates, ceiling: 0.4, floor: 0.2));
    }

    [Fact]
    public void The_operating_threshold_keeps_to_the_distractor_budget()
    {
        string[] labels = ["stop", "no_entry", "speed_limit_30", "speed_limit_50", "danger"];
        var parking = new LabelledBox(-1, 200, 200, 220, 220);

        // Ten signs found at 0.9; in two images a parking sign is taken for a stop sign at 0.4 (20 % of the distractors).
        var images = Enumerable.Range(0, 10).Select(i => new ImageResult(
            [new LabelledBox(0, 0, 0, 20, 20), new LabelledBox(0, 50, 0, 70, 20)],
            [TestModels.Detected(0, "stop", 0.9f, 0, 0, 20, 20), TestModels.Detected(0, "stop", i < 5 ? 0.9f : 0.3f, 50, 0, 70, 20), TestModels.Detected(0, "stop", i < 2 ? 0.4f : 0.01f, 200, 200, 220, 220)],
            [("parking", parking)])).ToList();

        // Without a budget the lowest threshold of the plateau (0.3) wins; with 10 % allowed it must clear the 0.4 detections.
        Assert.Equal(0.3, DetectionScorer.BestF1Threshold(images, labels, [0.3, 0.45, 0.6]), 12);
        Assert.Equal(0.45, DetectionScorer.BestF1Threshold(images, labels, [0.3, 0.45, 0.6], maxDistractorConfusion: 0.1), 12);

        // A budget nothing meets falls back to the candidate that confuses fewest.
        var always = images.Select(i => i with { Detections = [.. i.Detections, TestModels.Detected(0, "stop", 0.95f, 200, 200, 220, 220)] }).ToList();
        Assert.Equal(0.3, DetectionScorer.BestF1Threshold(always, labels, [0.3, 0.45, 0.6], maxDistractorConfusion: 0.1), 12);
    }

    [Fact]
    public void A_detection_on_an_unlabelled_target_is_neither_right_nor_wrong()
    {
        string[] labels = ["stop", "no_entry", "speed_limit_30", "speed_limit_50", "danger"];
        var truth = new[] { new LabelledBox(0, 0, 0, 20, 20) };
        // Annotated: the labelled stop sign and a mostly hidden one the labels leave out.
        var ignored = DetectionScorer.Unlabelled([new LabelledBox(-1, 0, 0, 20, 20), new LabelledBox(-1, 300, 100, 310, 140)], truth);
        var image = new ImageResult(
            truth,
            [
                TestModels.Detected(0, "stop", 0.9f, 0, 0, 20, 20),         // true positive
                TestModels.Detected(0, "stop", 0.8f, 298, 100, 310, 130),   // 10x30 of its 12x30 inside the hidden sign: ignored
                TestModels.Detected(2, "speed_limit_30", 0.7f, 200, 200, 230, 230), // nowhere near anything: false positive
            ],
            [])
        { Ignored = ignored };

        var report = DetectionScorer.Score([image], labels, threshold: 0.5);

        Assert.Equal(new LabelledBox(-1, 300, 100, 310, 140), Assert.Single(ignored));
        Assert.Equal(1.0, report.Classes[0].Ap50, 12);
        Assert.Equal(0, report.Classes[0].FalsePositives);
        Assert.Equal(1, report.Classes[2].FalsePositives);
        Assert.Equal(0.5, report.Precision, 12);
    }

    [Fact]
    public void Yolo_lines_become_pixel_boxes_and_bad_lines_are_reported()
    {
        var box = YoloFolder.ParseLine("3 0.5 0.25 0.1 0.2", 640, 480);
        Assert.Equal(3, box.ClassId);
        Assert.Equal(288, box.X1, 3);
        Assert.Equal(72, box.Y1, 3);
        Assert.Equal(352, box.X2, 3);
        Assert.Equal(168, box.Y2, 3);
        var error = Assert.Throws<InvalidDataException>(() => YoloFolder.ParseLine("stop 0.5 0.5", 640, 480, "a.txt", 7));
        Assert.Contains("a.txt:7", error.Message);
    }
}

public class DistractorAnnotationTests
{
    [Fact]
    public void Reads_distractors_and_styles_from_the_renderer_annotation_lines()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"ann-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            File.WriteAllText(Path.Combine(folder, "annotations.jsonl"),
                "{\"image\":\"images/000005.jpg\",\"width\":640,\"height\":480,\"style\":\"kids-room\",\"objects\":[" +
                "{\"kind\":\"stop\",\"label\":\"stop\",\"box\":[358,228,14,15],\"visibility\":1}," +
                "{\"kind\":\"no_horn\",\"label\":null,\"box\":[255.5,244,6,9],\"visibility\":0.5}]}\n" +
                "{\"image\":\"images/000006.jpg\",\"width\":640,\"height\":480,\"objects\":[]}\n");

            var distractors = CrazyTrain.Training.Data.SignAnnotations.Distractors(folder);
            var targets = CrazyTrain.Training.Data.SignAnnotations.Targets(folder);
            var styles = CrazyTrain.Training.Data.SignAnnotations.Styles(folder);

            Assert.Equal("kids-room", styles["000005"]);
            Assert.False(styles.ContainsKey("000006"));
            Assert.Empty(targets["000006"]);

            Assert.Equal("stop", Assert.Single(targets["000005"]).Kind);
            var (kind, box) = Assert.Single(distractors["000005"]);
            Assert.Equal("no_horn", kind);
            Assert.Equal(255.5f, box.X1);
            Assert.Equal(261.5f, box.X2);
            Assert.Equal(253f, box.Y2);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
