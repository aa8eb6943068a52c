using CrazyTrain.Controller.Driving;
using CrazyTrain.Signs;

namespace CrazyTrain.Controller.Perception;

/// <summary>A sign that confirmed in this frame, with the frame's most confident sighting of it.</summary>
internal readonly record struct ConfirmedSign(SignClass Sign, double Confidence);

/// <summary>
/// What stands between the camera and the driving rules: it judges each frame's order per camera and its age by
/// its own capture time (<see cref="FrameFreshness"/>), keeps perception's freshness, drops unknown, unsure and far
/// sightings (the near-sign gate), and debounces (K of N) what is left, so the rules only see signs that are really
/// there and near enough to matter. Counts everything it refuses. Not thread-safe: the policy holds its lock.
/// </summary>
internal sealed class PerceptionGate(DrivingOptions options, SightingLog? sightings = null)
{
    private readonly CameraLedger _cameras = new();
    private readonly FrameFreshness _freshness = new(options);
    private readonly UnknownLabelRate _unknownLabelRate = new();
    private readonly SignWindow _window = new(options.WindowFrames, options.ConfirmFrames, options.Cooldown);
    private long _framesSinceRecoveryStarted;
    private long _framesAccepted;
    private long _duplicates;
    private long _outOfOrder;
    private long _unknownLabels;
    private long _malformed;
    private long _cameraRestarts;
    private long _staleFrames;
    private long _futureFrames;
    private long _farSightings;
    private string? _lastRefusal;

    public long? LastFrameId { get; private set; }

    /// <summary>Capture time of the newest fresh frame (the frame's own timestamp, not its arrival).</summary>
    public DateTimeOffset? LastFrameAt => _freshness.LastCapturedAt;

    public PerceptionCounters Counters =>
        new(_framesAccepted, _duplicates, _outOfOrder, _unknownLabels, _malformed, _cameraRestarts, _staleFrames, _futureFrames, _farSightings);

    /// <summary>Share of recent frames with a label the catalogue does not know (<see cref="UnknownLabelRate"/>).</summary>
    public double UnknownLabelShare => _unknownLabelRate.Share;

    internal int CamerasRemembered => _cameras.Count;

    /// <summary>
    /// Lets a frame through or not. Duplicates, late frames, frames captured too long ago and frames from the future
    /// are refused (and do not keep perception alive); an accepted frame returns the signs it confirmed, most
    /// restrictive first.
    /// </summary>
    public bool TryAdmit(DetectionFrame frame, DateTimeOffset now, out IReadOnlyList<ConfirmedSign> confirmed)
    {
        confirmed = [];
        var order = _cameras.Judge(frame);
        switch (order)
        {
            case FrameOrder.Duplicate:
                _duplicates++;
                return false;
            case FrameOrder.OutOfOrder:
                _outOfOrder++;
                LogRefused(frame, SightingVerdict.OutOfOrder);
                return false;
        }

        switch (_freshness.Judge(frame, now))
        {
            case FrameAge.Stale:
                _staleFrames++;
                _lastRefusal = $"frame {frame.FrameId} arrived {(now - frame.CapturedAt).TotalSeconds:0.0} s after its capture (stale)";
                LogRefused(frame, SightingVerdict.Stale);
                return false;
            case FrameAge.FromTheFuture:
                _futureFrames++;
                _lastRefusal = $"frame {frame.FrameId} claims a capture {(frame.CapturedAt - now).TotalSeconds:0.0} s in the future (clock skew)";
                LogRefused(frame, SightingVerdict.FromTheFuture);
                return false;
        }

        if (order == FrameOrder.Restart)
        {
            _cameraRestarts++;
            _window.ClearFrames(frame.CameraId);
        }

        foreach (var camera in _cameras.Remember(frame, now))
        {
            _window.ClearFrames(camera);
        }

        // Recovery counts frames in a row: one that broke the minimum rate starts the count again, so a trickle of
        // frames never moves a fail-safe-stopped train.
        if (!_freshness.Record(frame))
        {
            _framesSinceRecoveryStarted = 0;
        }

        LastFrameId = frame.FrameId;
        _lastRefusal = null;
        _framesAccepted++;
        _framesSinceRecoveryStarted++;

        var best = new Dictionary<SignClass, double>();
        // Only kept for the sighting log: a policy without one (tests, replays) allocates nothing more per frame.
        var near = sightings is null ? null : new List<(SignSighting Sighting, SignClass Sign)>();
        var unknownBefore = _unknownLabels;
        foreach (var sighting in frame.Detections)
        {
            if (SignCatalogue.Find(sighting.Label) is not { } sign)
            {
                _unknownLabels++;
                continue;
            }

            if (sighting.Confidence < options.MinConfidence)
            {
                Log(frame, sighting, SightingVerdict.UnderMinConfidence);
                continue;
            }

            if (!IsNear(sighting))
            {
                // Too far to matter yet: not in the window, so it neither confirms nor keeps a latch "in view".
                _farSightings++;
                Log(frame, sighting, SightingVerdict.Far);
                continue;
            }

            near?.Add((sighting, sign));
            if (sighting.Confidence > best.GetValueOrDefault(sign))
            {
                best[sign] = sighting.Confidence;
            }
        }

        _unknownLabelRate.Add(_unknownLabels > unknownBefore);
        var signs = _window.Add(frame.CameraId, best.Keys.ToHashSet(), now);
        confirmed = signs.Select(s => new ConfirmedSign(s, best[s])).ToList();
        foreach (var (sighting, sign) in near ?? [])
        {
            Log(frame, sighting, signs.Contains(sign) ? SightingVerdict.Confirmed : _window.IsLatched(sign) ? SightingVerdict.Latched : SightingVerdict.Counted);
        }

        return true;
    }

    /// <summary>A refused frame's sightings of known signs, so a sign lost to a late or stale frame shows as such.</summary>
    private void LogRefused(DetectionFrame frame, SightingVerdict verdict)
    {
        if (sightings is null)
        {
            return;
        }

        foreach (var sighting in frame.Detections.Where(d => SignCatalogue.Find(d.Label) is not null))
        {
            Log(frame, sighting, verdict);
        }
    }

    private void Log(DetectionFrame frame, SignSighting sighting, SightingVerdict verdict) =>
        sightings?.Add(new SightingRecord(frame.FrameId, frame.CapturedAt, frame.CameraId, sighting.Label, sighting.Confidence, sighting.WidthFraction, verdict));

    /// <summary>
    /// Near enough to matter (<see cref="DrivingOptions.MinSignWidthFraction"/>); a sighting that cannot say how near it
    /// is counts as near, so a missing box never hides a sign.
    /// </summary>
    private bool IsNear(SignSighting sighting) => sighting.WidthFraction is not { } width || width >= options.MinSignWidthFraction;

    /// <summary>The rules obeyed a sign <see cref="TryAdmit"/> confirmed: it latches (one that was not obeyed never does).</summary>
    public void Obeyed(SignClass sign, DateTimeOffset now) => _window.Latch(sign, now);

    /// <summary>A detection message that could not be read; counted, never acted on.</summary>
    public void RecordMalformed() => _malformed++;

    /// <summary>Fresh frames captured within <see cref="DrivingOptions.PerceptionTimeout"/>, at the minimum rate.</summary>
    public bool IsFresh(DateTimeOffset now) => _freshness.IsFresh(now);

    /// <summary>The train stopped because perception went stale: from now on, count the frames that come back.</summary>
    public void StartRecovery() => _framesSinceRecoveryStarted = 0;

    /// <summary>Enough frames arrived in a row since <see cref="StartRecovery"/>, at the minimum rate, to trust perception again.</summary>
    public bool HasRecovered => _framesSinceRecoveryStarted >= options.RecoveryFrames;

    /// <summary>Why perception cannot be trusted right now, for operators, health and logs.</summary>
    public string StaleReason(DateTimeOffset now)
    {
        var reason = LastFrameAt is null
            ? "no detections received yet"
            : _freshness.WhyNotFresh(now) is { } why
                ? $"{why} (last frame {LastFrameId})"
                : $"perception came back but only {_framesSinceRecoveryStarted} of {options.RecoveryFrames} frames arrived in a row since";
        return _lastRefusal is { } refusal ? $"{reason}; last refused: {refusal}" : reason;
    }
}
