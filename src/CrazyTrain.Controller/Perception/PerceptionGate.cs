using CrazyTrain.Controller.Driving;
using CrazyTrain.Signs;

namespace CrazyTrain.Controller.Perception;

/// <summary>A sign that confirmed in this frame, with the frame's most confident sighting of it.</summary>
internal readonly record struct ConfirmedSign(SignClass Sign, double Confidence);

/// <summary>
/// What stands between the camera and the driving rules: it judges each frame's order per camera, keeps
/// perception's freshness, drops unknown and unsure sightings, and debounces (K of N) what is left, so the rules
/// only see signs that are really there. Counts everything it refuses. Not thread-safe: the policy holds its lock.
/// </summary>
internal sealed class PerceptionGate(DrivingOptions options)
{
    private readonly CameraLedger _cameras = new();
    private readonly SignWindow _window = new(options.WindowFrames, options.ConfirmFrames, options.Cooldown);
    private long _framesSinceRecoveryStarted;
    private long _framesAccepted;
    private long _duplicates;
    private long _outOfOrder;
    private long _unknownLabels;
    private long _malformed;
    private long _cameraRestarts;

    public long? LastFrameId { get; private set; }

    public DateTimeOffset? LastFrameAt { get; private set; }

    public PerceptionCounters Counters =>
        new(_framesAccepted, _duplicates, _outOfOrder, _unknownLabels, _malformed, _cameraRestarts);

    internal int CamerasRemembered => _cameras.Count;

    /// <summary>
    /// Lets a frame through or not. Duplicates and late frames are refused (and do not keep perception alive);
    /// an accepted frame returns the signs it confirmed, most restrictive first.
    /// </summary>
    public bool TryAdmit(DetectionFrame frame, DateTimeOffset now, out IReadOnlyList<ConfirmedSign> confirmed)
    {
        confirmed = [];
        switch (_cameras.Judge(frame))
        {
            case FrameOrder.Duplicate:
                _duplicates++;
                return false;
            case FrameOrder.OutOfOrder:
                _outOfOrder++;
                return false;
            case FrameOrder.Restart:
                _cameraRestarts++;
                _window.ClearFrames(frame.CameraId);
                break;
        }

        foreach (var camera in _cameras.Remember(frame, now))
        {
            _window.ClearFrames(camera);
        }

        LastFrameId = frame.FrameId;
        LastFrameAt = now;
        _framesAccepted++;
        _framesSinceRecoveryStarted++;

        var best = new Dictionary<SignClass, double>();
        foreach (var sighting in frame.Detections)
        {
            if (SignCatalogue.Find(sighting.Label) is not { } sign)
            {
                _unknownLabels++;
            }
            else if (sighting.Confidence >= options.MinConfidence && sighting.Confidence > best.GetValueOrDefault(sign))
            {
                best[sign] = sighting.Confidence;
            }
        }

        confirmed = _window.Add(frame.CameraId, best.Keys.ToHashSet(), now).Select(s => new ConfirmedSign(s, best[s])).ToList();
        return true;
    }

    /// <summary>A detection message that could not be read; counted, never acted on.</summary>
    public void RecordMalformed() => _malformed++;

    /// <summary>Frames arrived within <see cref="DrivingOptions.PerceptionTimeout"/>.</summary>
    public bool IsFresh(DateTimeOffset now) => LastFrameAt is { } at && now - at < options.PerceptionTimeout;

    /// <summary>The train stopped because perception went stale: from now on, count the frames that come back.</summary>
    public void StartRecovery() => _framesSinceRecoveryStarted = 0;

    /// <summary>Enough frames arrived since <see cref="StartRecovery"/> to trust perception again.</summary>
    public bool HasRecovered => _framesSinceRecoveryStarted >= options.RecoveryFrames;

    /// <summary>Why perception cannot be trusted right now, for operators, health and logs.</summary>
    public string StaleReason(DateTimeOffset now) => LastFrameAt is { } at
        ? now - at >= options.PerceptionTimeout
            ? $"no detections for {(now - at).TotalSeconds:0.0} s (last frame {LastFrameId})"
            : $"perception came back but only {_framesSinceRecoveryStarted} of {options.RecoveryFrames} frames arrived since"
        : "no detections received yet";
}
