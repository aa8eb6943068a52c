namespace CrazyTrain.Capture.Pacing;

/// <summary>
/// Frame slots on an absolute schedule: slot n is due at <c>start + n / fps</c>, computed from the anchor each
/// time so rounding never accumulates into drift. A grab loop that falls more than one slot behind (a pause,
/// a slow decode) starts a new schedule instead of bursting frames to catch up.
/// </summary>
internal sealed class FramePacer
{
    private readonly TimeProvider _time;
    private readonly double _periodTicks;
    private long _anchor;
    private long _slot;

    public FramePacer(TimeProvider time, double fps)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fps);
        _time = time;
        Fps = fps;
        _periodTicks = time.TimestampFrequency / fps;
        _anchor = time.GetTimestamp();
    }

    public double Fps { get; }

    /// <summary>Slots given up because the loop fell behind; they are skipped, not bursted.</summary>
    public long SkippedSlots { get; private set; }

    /// <summary>How long until the next slot is due; zero when it is due already.</summary>
    public TimeSpan DelayUntilNextSlot()
    {
        var remaining = NextDeadline() - _time.GetTimestamp();
        return remaining <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(remaining / (double)_time.TimestampFrequency);
    }

    /// <summary>
    /// For a live source that hands out frames at its own pace: whether a frame arriving now fills the next
    /// slot. Half a period of early arrival is accepted, so a camera running at the target rate is never
    /// thinned by its jitter.
    /// </summary>
    public bool IsSlotDue() => _time.GetTimestamp() >= NextDeadline() - (long)(_periodTicks / 2);

    /// <summary>Marks the next slot as used by the frame grabbed now.</summary>
    public void TakeSlot()
    {
        var now = _time.GetTimestamp();
        _slot++;
        var behind = now - NextDeadline();
        if (behind > _periodTicks)
        {
            // Every slot from the next deadline up to now passed unused.
            SkippedSlots += (long)(behind / _periodTicks) + 1;
            _anchor = now;
            _slot = 1;
        }
    }

    private long NextDeadline() => _anchor + (long)Math.Round(_slot * _periodTicks);
}
