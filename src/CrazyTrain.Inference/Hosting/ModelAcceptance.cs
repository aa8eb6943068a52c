using CrazyTrain.SignModel.Detections;
using CrazyTrain.SignModel.Imaging;
using CrazyTrain.SignModel.Runtime;
using CrazyTrain.Signs;

namespace CrazyTrain.Inference.Hosting;

/// <summary>
/// What a hot-swapped model must show before it drives the train: it names every sign the driving rules act on
/// (the sign catalogue: stop, no entry, speed limits, danger), and it finds the STOP sign of the golden image
/// where it stands, above the threshold the service runs with. A model that loads and runs can still be blind
/// to STOP (renamed classes, a broken export, a wrong input scale); this catches that before it goes live.
/// </summary>
public static class ModelAcceptance
{
    /// <summary>The golden image, shipped beside the service (copied to its output folder).</summary>
    public static readonly string GoldenImagePath = Path.Combine(AppContext.BaseDirectory, "Golden", "stop-sign.jpg");

    /// <summary>
    /// Where the STOP sign stands in the golden image, frame pixels: frame 135 of samples/stop-sign.mp4 (rendered, the
    /// exact box from its sidecar stop-sign.json), JPEG quality 80 as capture sends it.
    /// </summary>
    public static readonly BoundingBox GoldenStopSign = new(26.8f, 195.9f, 57f, 52.2f);

    /// <summary>A detection overlapping the golden box at least this much (IoU) counts as finding it.</summary>
    public const float MinOverlap = 0.5f;

    /// <summary>
    /// Why <paramref name="candidate"/> must not drive the train, or null when it may, against the shipped golden image;
    /// a golden image that cannot be read refuses it too (when in doubt, no model is trusted).
    /// </summary>
    public static string? Refusal(ModelRuntime candidate, float? threshold)
    {
        byte[] golden;
        try
        {
            golden = File.ReadAllBytes(GoldenImagePath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"the golden image {GoldenImagePath} cannot be read to check it ({ex.Message})";
        }

        return Refusal(candidate, golden, threshold);
    }

    /// <summary>Why <paramref name="candidate"/> must not go live, or null when it may.</summary>
    public static string? Refusal(ModelRuntime candidate, byte[] goldenImage, float? threshold)
    {
        var labels = candidate.Model.Card.Labels;
        var missing = SignCatalogue.Classes.Where(sign => !labels.Contains(sign.Label)).Select(sign => sign.Label).ToList();
        if (missing.Count > 0)
        {
            return $"its labels lack {string.Join(", ", missing)}, which the driving rules act on (it has {string.Join(", ", labels)})";
        }

        DetectionResult result;
        try
        {
            result = candidate.Detect(goldenImage, strict: true, threshold);
        }
        catch (Exception ex) when (ex is ImageRejectedException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
        {
            return $"it could not run on the golden image: {ex.Message}";
        }

        var stop = SignCatalogue.Stop.Label;
        var found = result.Detections.Where(d => d.Label == stop).Select(d => (d.Confidence, Overlap: Overlapping(d.Box))).ToList();
        if (found.Any(d => d.Overlap >= MinOverlap))
        {
            return null;
        }

        return found.Count == 0
            ? $"it does not see the STOP sign of the golden image above its threshold (it saw: {Describe(result.Detections)})"
            : $"it sees STOP in the golden image, but not where the sign stands (best overlap {found.Max(d => d.Overlap):0.00}, at least {MinOverlap} needed)";
    }

    private static float Overlapping(BoundingBox box) => Overlap.IntersectionOverUnion(
        box.X, box.Y, box.Right, box.Bottom,
        GoldenStopSign.X, GoldenStopSign.Y, GoldenStopSign.Right, GoldenStopSign.Bottom);

    private static string Describe(IReadOnlyList<Detection> detections) =>
        detections.Count == 0 ? "nothing" : string.Join(", ", detections.Select(d => $"{d.Label} {d.Confidence:0.00}"));
}
