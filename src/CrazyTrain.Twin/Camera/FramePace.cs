using System.Diagnostics;

namespace CrazyTrain.Twin.Camera;

/// <summary>
/// The virtual camera's clock: when the next frame is due (one interval after the last one was due, so a late wake-up
/// is made up on the next frame and the rate holds; never early, so frames never run ahead of real time; more than a
/// frame behind, it starts afresh instead of rushing), and the rate really held, measured from frame start to frame
/// start (rendering, encoding and waiting, as capture sees it).
/// </summary>
internal sealed class FramePace(TimeSpan interval)
{
    private long? _due;
    private long? _lastStart;
    private double? _meanPeriodSeconds;

    public double HeldFramesPerSecond => _meanPeriodSeconds is { } mean and > 0 ? 1 / mean : 0;

    /// <summary>How long to wait before the next frame (null: at once).</summary>
    public TimeSpan? UntilDue() => _due is { } due ? Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due) : null;

    public void Started()
    {
        var now = Stopwatch.GetTimestamp();
        if (_lastStart is { } last)
        {
            var period = Stopwatch.GetElapsedTime(last, now).TotalSeconds;
            _meanPeriodSeconds = _meanPeriodSeconds is { } mean ? (0.9 * mean) + (0.1 * period) : period;
        }

        _lastStart = now;
        var next = (_due ?? now) + (long)(interval.TotalSeconds * Stopwatch.Frequency);
        // More than a frame behind: start afresh from now rather than rush frames out to catch up.
        _due = Stopwatch.GetElapsedTime(next, now) > interval ? now + (long)(interval.TotalSeconds * Stopwatch.Frequency) : next;
    }

    /// <summary>The stream stopped: the next one starts afresh.</summary>
    public void Pause()
    {
        _due = null;
        _lastStart = null;
    }
}
