using System.Diagnostics.Metrics;

namespace CrazyTrain.Capture.Telemetry;

/// <summary>Meter <c>CrazyTrain.Capture</c>: published and dropped frames, fps, grab, encode and end-to-end latency.</summary>
internal sealed class CaptureMetrics
{
    public const string DropReasonQueueFull = "queue_full";
    public const string DropReasonEncodeFailed = "encode_failed";
    public const string DropReasonPublishFailed = "publish_failed";

    private readonly Counter<long> _published;
    private readonly Counter<long> _dropped;
    private readonly Histogram<double> _grab;
    private readonly Histogram<double> _encode;
    private readonly Histogram<double> _latency;
    private readonly Histogram<double> _acknowledged;

    public CaptureMetrics(IMeterFactory meterFactory, CaptureStatistics statistics)
    {
        var meter = meterFactory.Create(CaptureTelemetry.Name);
        _published = meter.CreateCounter<long>("crazytrain.capture.frames.published", "{frame}", "Frames handed to train.frames.");
        _dropped = meter.CreateCounter<long>("crazytrain.capture.frames.dropped", "{frame}", "Frames not published, by reason.");
        _grab = meter.CreateHistogram<double>("crazytrain.capture.grab.duration", "ms", "Time to read and decode one frame from the source.");
        _encode = meter.CreateHistogram<double>("crazytrain.capture.encode.duration", "ms", "Time to JPEG-encode one frame.");
        _latency = meter.CreateHistogram<double>("crazytrain.capture.frame.latency", "ms", "Grab to produce: the frame is in the Kafka producer's hands.");
        _acknowledged = meter.CreateHistogram<double>("crazytrain.capture.frame.acknowledged", "ms", "Grab to the broker's acknowledgement.");
        meter.CreateObservableGauge("crazytrain.capture.fps", () => statistics.MeasuredFps(), "{frame}/s", "Frames published per second over the last seconds.");
    }

    public void Published(double producedMs, double acknowledgedMs)
    {
        _published.Add(1);
        _latency.Record(producedMs);
        _acknowledged.Record(acknowledgedMs);
    }

    public void Dropped(string reason) => _dropped.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Grabbed(double durationMs) => _grab.Record(durationMs);

    public void Encoded(double durationMs) => _encode.Record(durationMs);
}
