using System.Text.Json;

namespace CrazyTrain.Pipeline.Benchmarks;

/// <summary>
/// Every frame and detection message seen during the measured window, and the stage times they carry: the
/// frame's <c>captured-at</c> header, each message's own timestamp (set when its producer sent it), the
/// detection's stage timings and when this process received each. One reader thread feeds it.
/// </summary>
internal sealed class FrameLedger
{
    private readonly Dictionary<long, FrameSeen> _frames = [];
    private readonly Dictionary<long, DetectionsSeen> _detections = [];

    public static readonly string[] Stages =
    [
        "capture -> frame produced",
        "frame produced -> received here",
        "frame produced -> detections produced",
        "decode",
        "preprocess",
        "model",
        "postprocess",
        "capture -> detections produced",
        "detections produced -> received here",
        "capture -> detections received here",
    ];

    public void OnFrame(long frameId, DateTimeOffset capturedAt, DateTimeOffset producedAt, DateTimeOffset receivedAt) =>
        _frames[frameId] = new FrameSeen(capturedAt, producedAt, receivedAt);

    /// <summary>Reads the <c>train.detections</c> document (docs/contracts.md); one that cannot be read is counted.</summary>
    public bool OnDetections(ReadOnlySpan<byte> json, DateTimeOffset producedAt, DateTimeOffset receivedAt)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var root = document.RootElement;
            var timings = root.GetProperty("timings");
            _detections[root.GetProperty("frameId").GetInt64()] = new DetectionsSeen(
                root.GetProperty("capturedAt").GetDateTimeOffset(),
                producedAt,
                receivedAt,
                timings.GetProperty("decodeMs").GetDouble(),
                timings.GetProperty("preprocessMs").GetDouble(),
                timings.GetProperty("inferenceMs").GetDouble(),
                timings.GetProperty("postprocessMs").GetDouble());
            return true;
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return false;
        }
    }

    /// <summary>Stage samples in ms, and the frame counts: captured (ids given at grab), published, processed, skipped.</summary>
    public LedgerSummary Summarize()
    {
        var samples = Stages.ToDictionary(stage => stage, _ => new List<double>(), StringComparer.Ordinal);
        void Add(string stage, TimeSpan value) => samples[stage].Add(value.TotalMilliseconds);

        foreach (var frame in _frames.Values)
        {
            Add(Stages[0], frame.ProducedAt - frame.CapturedAt);
            Add(Stages[1], frame.ReceivedAt - frame.ProducedAt);
        }

        long processed = 0;
        foreach (var (frameId, detections) in _detections)
        {
            if (_frames.TryGetValue(frameId, out var frame))
            {
                processed++;
                Add(Stages[2], detections.ProducedAt - frame.ProducedAt);
            }

            samples[Stages[3]].Add(detections.DecodeMs);
            samples[Stages[4]].Add(detections.PreprocessMs);
            samples[Stages[5]].Add(detections.ModelMs);
            samples[Stages[6]].Add(detections.PostprocessMs);
            Add(Stages[7], detections.ProducedAt - detections.CapturedAt);
            Add(Stages[8], detections.ReceivedAt - detections.ProducedAt);
            Add(Stages[9], detections.ReceivedAt - detections.CapturedAt);
        }

        // Frame ids are consecutive per camera from the grab on, so gaps are frames capture itself dropped.
        var captured = _frames.Count == 0 ? 0 : _frames.Keys.Max() - _frames.Keys.Min() + 1;
        return new LedgerSummary(samples, captured, _frames.Count, processed, _frames.Count - processed, _detections.Count);
    }

    private sealed record FrameSeen(DateTimeOffset CapturedAt, DateTimeOffset ProducedAt, DateTimeOffset ReceivedAt);

    private sealed record DetectionsSeen(
        DateTimeOffset CapturedAt, DateTimeOffset ProducedAt, DateTimeOffset ReceivedAt, double DecodeMs, double PreprocessMs, double ModelMs, double PostprocessMs);
}

internal sealed record LedgerSummary(
    IReadOnlyDictionary<string, List<double>> Samples,
    long FramesCaptured,
    long FramesPublished,
    long FramesProcessed,
    long FramesSkipped,
    long DetectionMessages);
