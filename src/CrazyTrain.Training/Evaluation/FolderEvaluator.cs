using CrazyTrain.Training.Data;
using CrazyTrain.Training.Inference;
using OpenCvSharp;

namespace CrazyTrain.Training.Evaluation;

/// <summary>Runs an ONNX model over a labelled folder and scores it.</summary>
public static class FolderEvaluator
{
    /// <summary>Candidates down to this score enter the precision-recall curve; the operating threshold is reported apart.</summary>
    public const double CurveFloor = 0.01;

    public static EvaluationReport Evaluate(string modelPath, string folder, double? threshold, IProgress<int>? progress = null, int threads = 2)
    {
        var (labels, modelThreshold, results) = Collect(modelPath, folder, progress, threads);
        return DetectionScorer.Score(results, labels, threshold ?? modelThreshold, Path.GetFileName(modelPath), folder);
    }

    /// <summary>Runs the model on every image of the folder, keeping candidates down to <see cref="CurveFloor"/>.</summary>
    public static (IReadOnlyList<string> Labels, double Threshold, List<ImageResult> Results) Collect(string modelPath, string folder, IProgress<int>? progress = null, int threads = 2)
    {
        using var detector = new OnnxSignDetector(modelPath, threads);
        var images = YoloFolder.Read(folder);
        if (images.Count == 0)
        {
            throw new InvalidDataException($"'{folder}/images' holds no images.");
        }

        var distractors = SignAnnotations.Distractors(folder);
        var targets = SignAnnotations.Targets(folder);
        var results = new List<ImageResult>(images.Count);
        foreach (var image in images)
        {
            using var frame = Cv2.ImRead(image.ImagePath, ImreadModes.Color);
            if (frame.Empty())
            {
                throw new InvalidDataException($"'{image.ImagePath}' could not be decoded as an image.");
            }

            var detections = detector.Detect(frame, CurveFloor);
            var truth = image.InPixels(frame.Width, frame.Height);
            results.Add(new ImageResult(truth, detections, distractors.TryGetValue(image.Id, out var d) ? d : [])
            {
                Ignored = targets.TryGetValue(image.Id, out var t) ? DetectionScorer.Unlabelled(t.Select(o => o.Box), truth) : [],
            });
            progress?.Report(1);
        }

        return (detector.Description.Labels, detector.Description.Threshold, results);
    }
}
