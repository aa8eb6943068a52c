namespace CrazyTrain.HubGuard.Watching;

/// <summary>What the guard must do after a probe.</summary>
internal enum Verdict
{
    /// <summary>The controller beats: nothing to do.</summary>
    Beating,

    /// <summary>A probe missed but the deadline has not passed yet.</summary>
    Waiting,

    /// <summary>The deadline passed: cut the hub's link now.</summary>
    Cut,

    /// <summary>Still silent a re-cut interval after the last cut: cut again, in case it reconnected.</summary>
    Recut,

    /// <summary>The link was cut recently and the controller is still silent: keep it cut.</summary>
    HeldCut,

    /// <summary>The controller beats again after a cut: it may reconnect; the guard watches afresh.</summary>
    Rearmed,
}

/// <summary>A snapshot for health and logs.</summary>
internal sealed record DeadManState(TimeSpan SinceBeat, bool LinkCut, long Cuts, string? LastMiss, DateTimeOffset? CutSince, DateTimeOffset? LastCutAt);

/// <summary>
/// The dead-man's rule, apart from any clock or network so it can be tested: the controller must beat within
/// <see cref="HubGuardOptions.Deadline"/>; when it does not, the link is cut, and cut again every
/// <see cref="HubGuardOptions.RecutInterval"/> while it stays silent. Armed from the start: a controller that never
/// beat holds no right to the hub either.
/// </summary>
internal sealed class DeadMan(HubGuardOptions options, TimeProvider time)
{
    private static readonly TimeSpan ShortestProbe = TimeSpan.FromMilliseconds(50);
    private readonly Lock _gate = new();
    private long _lastBeat = time.GetTimestamp();
    private long? _lastCut;
    private long? _firstCut;
    private long _cuts;
    private string? _lastMiss;

    /// <summary>
    /// How long the next probe may wait for an answer: until the deadline, so a frozen controller (whose kernel still
    /// accepts the connection) is cut at the deadline and not one probe later.
    /// </summary>
    public TimeSpan ProbeTimeout
    {
        get
        {
            lock (_gate)
            {
                var left = options.Deadline - time.GetElapsedTime(_lastBeat);
                return left < ShortestProbe ? (_lastCut is null ? ShortestProbe : options.Deadline) : left;
            }
        }
    }

    public Verdict Observe(ProbeResult probe)
    {
        lock (_gate)
        {
            var now = time.GetTimestamp();
            if (probe.Beating)
            {
                _lastBeat = now;
                var wasCut = _lastCut is not null;
                _lastCut = null;
                _firstCut = null;
                return wasCut ? Verdict.Rearmed : Verdict.Beating;
            }

            _lastMiss = probe.Detail;
            if (time.GetElapsedTime(_lastBeat, now) < options.Deadline)
            {
                return Verdict.Waiting;
            }

            if (_lastCut is { } cut && time.GetElapsedTime(cut, now) < options.RecutInterval)
            {
                return Verdict.HeldCut;
            }

            var first = _lastCut is null;
            _lastCut = now;
            _firstCut ??= now;
            _cuts++;
            return first ? Verdict.Cut : Verdict.Recut;
        }
    }

    private DateTimeOffset? WallClock(long? timestamp) => timestamp is { } t ? time.GetUtcNow() - time.GetElapsedTime(t) : null;

    public DeadManState State
    {
        get
        {
            lock (_gate)
            {
                return new DeadManState(
                    time.GetElapsedTime(_lastBeat),
                    _lastCut is not null,
                    _cuts,
                    _lastMiss,
                    WallClock(_firstCut),
                    WallClock(_lastCut));
            }
        }
    }
}
