using CrazyTrain.SignModel.Detections;
using CrazyTrain.SignModel.Imaging;
using CrazyTrain.SignModel.Metadata;
using CrazyTrain.SignModel.Runtime;
using CrazyTrain.Training.Data;

namespace CrazyTrain.Training.Evaluation;

/// <summary>
/// Runs an ONNX model over a labelled folder and scores it, through the sign model library: the same decoding,
/// preprocessing, output decoding and NMS as the inference service, so the numbers are the train's.
/// </summary>
public static class FolderEvaluator
{
    /// <summary>Candidates down to this score enter the precision-recall curve; the operating threshold is reported apart.</summary>
    public const double CurveFloor = 0.01;

    /// <summary>
    /// Scores the model on the folder at <paramref name="threshold"/> for every class, or, when null, at the model's
    /// own operating thresholds (its threshold and per-class thresholds), as detect and the inference service apply them.
    /// </summary>
    public static EvaluationReport Evaluate(string modelPath, string folder, double? threshold, IProgress<int>? progress = null, int threads = 2)
    {
        var (card, results) = Collect(modelPath, folder, progress, threads);
        var classThresholds = threshold is null
            ? card.ClassThresholds?.ToDictionary(t => t.Key, t => (double)t.Value, StringComparer.Ordinal)
            : null;
        return DetectionScorer.Score(results, card.Labels, threshold ?? card.Threshold, Path.GetFileName(modelPath), folder, classThresholds);
    }

    /// <summary>Runs the model on every image of the folder, keeping candidates down to <see cref="CurveFloor"/>.</summary>
    public static (ModelCard Card, List<ImageResult> Results) Collect(string modelPath, string folder, IProgress<int>? progress = null, int threads = 2)
    {
        using var runtime = ModelRuntime.Load(modelPath, ExecutionProviderChain.CpuOnly(threads));
        var images = YoloFolder.Read(folder);
        if (images.Count == 0)
        {
            throw new InvalidDataException($"'{folder}/images' holds no images.");
        }

        var distractors = SignAnnotations.Distractors(folder);
        var targets = SignAnnotations.Targets(folder);
        var styles = SignAnnotations.Styles(folder);
        var results = new List<ImageResult>(images.Count);
        foreach (var image in images)
        {
            DetectionResult found;
            try
            {
                found = runtime.Detect(File.ReadAllBytes(image.ImagePath), strict: false, (float)CurveFloor);
            }
            catch (ImageRejectedException ex)
            {
                throw new InvalidDataException($"'{image.ImagePath}': {ex.Message}", ex);
            }

            var detections = found.Detections;
            var truth = image.InPixels(found.Width, found.Height);
            results.Add(new ImageResult(truth, detections, distractors.TryGetValue(image.Id, out var d) ? d : [])
            {
                Ignored = targets.TryGetValue(image.Id, out var t) ? DetectionScorer.Unlabelled(t.Select(o => o.Box), truth) : [],
                Style = styles.GetValueOrDefault(image.Id),
            });
            progress?.Report(1);
        }

        return (runtime.Model.Card, results);
    }
}
