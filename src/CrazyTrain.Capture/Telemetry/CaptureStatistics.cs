namespace CrazyTrain.Capture.Telemetry;

/// <summary>Running totals and the measured rate that <c>/api/capture</c>, health and the fps gauge read.</summary>
internal sealed class CaptureStatistics(TimeProvider time)
{
    /// <summary>The rate is measured over this window: long enough to smooth jitter, short enough to show a stall.</summary>
    public static readonly TimeSpan FpsWindow = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private readonly Queue<long> _publishedAt = new();
    private long _newest;
    private DateTimeOffset? _lastPublishedAt;
    private long _published;
    private long _dropped;
    private long _failed;

    public long FramesPublished => Interlocked.Read(ref _published);

    /// <summary>Frames grabbed but never published: pushed out of the queue, or failed to encode or publish.</summary>
    public long FramesDropped => Interlocked.Read(ref _dropped);

    /// <summary>The part of <see cref="FramesDropped"/> lost to encode or publish errors rather than to a full queue.</summary>
    public long FramesFailed => Interlocked.Read(ref _failed);

    /// <summary>When the broker last took a frame.</summary>
    public DateTimeOffset? LastPublishedAt
    {
        get
        {
            lock (_gate)
            {
                return _lastPublishedAt;
            }
        }
    }

    public void RecordPublished()
    {
        Interlocked.Increment(ref _published);
        var now = time.GetTimestamp();
        lock (_gate)
        {
            _lastPublishedAt = time.GetUtcNow();
            _publishedAt.Enqueue(now);
            _newest = now;
            Prune(now);
        }
    }

    public void RecordDropped() => Interlocked.Increment(ref _dropped);

    public void RecordFailed()
    {
        Interlocked.Increment(ref _failed);
        Interlocked.Increment(ref _dropped);
    }

    /// <summary>
    /// Frames per second over the last <see cref="FpsWindow"/>: (n - 1) intervals over the time they span. Once
    /// the newest frame is older than one average interval, the span runs to now, so a stall shows at once.
    /// </summary>
    public double MeasuredFps()
    {
        var now = time.GetTimestamp();
        lock (_gate)
        {
            Prune(now);
            if (_publishedAt.Count < 2)
            {
                return 0;
            }

            var intervals = _publishedAt.Count - 1;
            var span = _newest - _publishedAt.Peek();
            if (now - _newest > span / intervals)
            {
                span = now - _publishedAt.Peek();
            }

            return span <= 0 ? 0 : intervals / (span / (double)time.TimestampFrequency);
        }
    }

    private void Prune(long now)
    {
        var oldest = now - (long)(FpsWindow.TotalSeconds * time.TimestampFrequency);
        while (_publishedAt.Count > 0 && _publishedAt.Peek() < oldest)
        {
            _publishedAt.Dequeue();
        }
    }
}
