using CrazyTrain.Controller.Driving;

namespace CrazyTrain.Controller.Perception;

/// <summary>How a frame's own capture time stands against the controller's clock.</summary>
internal enum FrameAge
{
    /// <summary>Captured recently enough to act on and to keep perception alive.</summary>
    Fresh,

    /// <summary>Captured longer ago than <see cref="DrivingOptions.MaxFrameAge"/>: a replayed backlog or a slow pipeline.</summary>
    Stale,

    /// <summary>Captured "later than now" beyond <see cref="DrivingOptions.ClockSkewTolerance"/>: a clock or a producer that cannot be trusted.</summary>
    FromTheFuture,
}

/// <summary>
/// Perception's freshness, judged by when each frame was captured (<c>capturedAt</c> of <c>train.detections</c>,
/// stamped by capture on the edge box's one clock), never by when it arrived: a backlog replayed after a restart
/// or a partition arrives now but shows what the camera saw long ago. Perception is fresh while the newest fresh
/// frame was captured within <see cref="DrivingOptions.PerceptionTimeout"/> and the last
/// <see cref="DrivingOptions.MinFramesPerSecond"/> fresh frames were captured within one second of each other
/// (a trickle of frames cannot confirm a sign in time). Not thread-safe:
/// the policy holds its lock.
/// </summary>
internal sealed class FrameFreshness(DrivingOptions options)
{
    private static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(1);

    // The capture times of the last MinFramesPerSecond fresh frames: the rate holds when they lie within one
    // second of each other. Bounded, whatever a producer floods in.
    private readonly Queue<DateTimeOffset> _recent = new(options.MinFramesPerSecond);

    /// <summary>Capture time of the newest fresh frame.</summary>
    public DateTimeOffset? LastCapturedAt { get; private set; }

    public FrameAge Judge(DetectionFrame frame, DateTimeOffset now) =>
        frame.CapturedAt - now > options.ClockSkewTolerance ? FrameAge.FromTheFuture
        : now - frame.CapturedAt >= options.MaxFrameAge ? FrameAge.Stale
        : FrameAge.Fresh;

    /// <summary>
    /// Counts a frame that <see cref="Judge"/> found fresh. False when it was captured longer after the previous fresh
    /// frame than the minimum rate allows (1 s / <see cref="DrivingOptions.MinFramesPerSecond"/>): frames that count
    /// "in a row" start again from it.
    /// </summary>
    public bool Record(DetectionFrame frame)
    {
        var keptPace = options.MinFramesPerSecond == 0 || LastCapturedAt is not { } previous
            || frame.CapturedAt - previous <= TimeSpan.FromSeconds(1.0 / options.MinFramesPerSecond);
        if (LastCapturedAt is not { } last || frame.CapturedAt > last)
        {
            LastCapturedAt = frame.CapturedAt;
        }

        if (options.MinFramesPerSecond == 0)
        {
            return keptPace;
        }

        if (_recent.Count == options.MinFramesPerSecond)
        {
            _recent.Dequeue();
        }

        _recent.Enqueue(frame.CapturedAt);
        return keptPace;
    }

    public bool IsFresh(DateTimeOffset now) => LastCapturedAt is { } at && now - at < options.PerceptionTimeout && RateHolds();

    /// <summary>Why perception is not fresh by time or rate; null when it is (or when no frame came yet).</summary>
    public string? WhyNotFresh(DateTimeOffset now)
    {
        if (LastCapturedAt is not { } at)
        {
            return null;
        }

        if (now - at >= options.PerceptionTimeout)
        {
            return $"no fresh detections for {(now - at).TotalSeconds:0.0} s";
        }

        return RateHolds()
            ? null
            : _recent.Count < options.MinFramesPerSecond
                ? $"only {_recent.Count} fresh frame(s) so far, fewer than {options.MinFramesPerSecond} a second"
                : $"the last {_recent.Count} fresh frames span {(_recent.Max() - _recent.Min()).TotalSeconds:0.0} s, fewer than {options.MinFramesPerSecond} a second";
    }

    // Judged among the frames themselves (the last few captured within a second of each other), not against the
    // clock: silence is PerceptionTimeout's to judge, so the two never race.
    private bool RateHolds() =>
        _recent.Count >= options.MinFramesPerSecond && (_recent.Count == 0 || _recent.Max() - _recent.Min() < RateWindow);
}
