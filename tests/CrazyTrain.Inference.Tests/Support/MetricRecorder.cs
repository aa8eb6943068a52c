using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using CrazyTrain.Inference.Hosting;

namespace CrazyTrain.Inference.Tests.Support;

/// <summary>Listens to one <see cref="InferenceMetrics"/> instance and sums what it reports, per instrument and tag.</summary>
internal sealed class MetricRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, double> _sums = new();
    private readonly ConcurrentDictionary<string, int> _counts = new();

    public MetricRecorder(InferenceMetrics metrics)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, metrics.Meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Add(i, value, tags));
        _listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Add(i, value, tags));
        _listener.SetMeasurementEventCallback<int>((i, value, tags, _) => Add(i, value, tags));
        _listener.Start();
    }

    /// <summary>Sum of the measurements of <paramref name="instrument"/>, optionally only those with tag value <paramref name="tag"/>.</summary>
    public double Sum(string instrument, string? tag = null) => _sums.GetValueOrDefault(Key(instrument, tag));

    public int Count(string instrument, string? tag = null) => _counts.GetValueOrDefault(Key(instrument, tag));

    public void Observe() => _listener.RecordObservableInstruments();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        Accumulate(Key(instrument.Name, null), value);
        foreach (var tag in tags)
        {
            Accumulate(Key(instrument.Name, tag.Value?.ToString()), value);
        }
    }

    private void Accumulate(string key, double value)
    {
        _sums.AddOrUpdate(key, value, (_, sum) => sum + value);
        _counts.AddOrUpdate(key, 1, (_, count) => count + 1);
    }

    private static string Key(string instrument, string? tag) => tag is null ? instrument : $"{instrument}|{tag}";

    public void Dispose() => _listener.Dispose();
}
