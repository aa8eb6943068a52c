using System.Diagnostics.Metrics;
using CrazyTrain.SignModel.Detections;

namespace CrazyTrain.Inference.Hosting;

/// <summary>The <c>CrazyTrain.Inference</c> meter: what was processed, what was skipped and why, how long each stage took.</summary>
public sealed class InferenceMetrics : IDisposable
{
    public const string MeterName = "CrazyTrain.Inference";

    private readonly Meter _meter;
    private readonly Counter<long> _processed;
    private readonly Counter<long> _skipped;
    private readonly Counter<long> _swaps;
    private readonly Histogram<double> _stage;
    private readonly Histogram<double> _age;
    private volatile string _provider = "none";

    public InferenceMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _processed = _meter.CreateCounter<long>("crazytrain.inference.frames.processed", "{frame}", "Frames whose detections were published.");
        _skipped = _meter.CreateCounter<long>("crazytrain.inference.frames.skipped", "{frame}", "Frames not processed, by reason (stale, superseded, corrupt...).");
        _swaps = _meter.CreateCounter<long>("crazytrain.inference.model.swaps", "{swap}", "Model files seen by the hot swap, by outcome.");
        _stage = _meter.CreateHistogram<double>(
            "crazytrain.inference.stage.duration", "ms", "Time per stage of one frame (queue, decode, preprocess, inference, postprocess, publish).");
        _age = _meter.CreateHistogram<double>("crazytrain.inference.frame.age", "ms", "Capture to publication of a frame's detections.");
        _meter.CreateObservableGauge(
            "crazytrain.inference.execution_provider",
            () => new Measurement<int>(1, new KeyValuePair<string, object?>("provider", _provider)),
            description: "1, tagged with the execution provider the model runs on.");
    }

    internal Meter Meter => _meter;

    public string ExecutionProvider
    {
        get => _provider;
        set => _provider = value;
    }

    public void Processed() => _processed.Add(1);

    public void Skipped(string reason) => _skipped.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void ModelSwap(string outcome) => _swaps.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void Stages(StageTimings timings)
    {
        _stage.Record(timings.DecodeMs, new KeyValuePair<string, object?>("stage", "decode"));
        _stage.Record(timings.PreprocessMs, new KeyValuePair<string, object?>("stage", "preprocess"));
        _stage.Record(timings.InferenceMs, new KeyValuePair<string, object?>("stage", "inference"));
        _stage.Record(timings.PostprocessMs, new KeyValuePair<string, object?>("stage", "postprocess"));
    }

    /// <summary>From the consumer's hand-over to the detector taking the frame: the newest-frame slot's wait.</summary>
    public void QueueWait(TimeSpan wait) => _stage.Record(wait.TotalMilliseconds, new KeyValuePair<string, object?>("stage", "queue"));

    /// <summary>Handing the detections to the producer (it does not wait for the broker).</summary>
    public void PublishDuration(TimeSpan duration) => _stage.Record(duration.TotalMilliseconds, new KeyValuePair<string, object?>("stage", "publish"));

    public void FrameAge(TimeSpan age) => _age.Record(age.TotalMilliseconds);

    public void Dispose() => _meter.Dispose();
}
