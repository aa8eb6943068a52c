using CrazyTrain.Twin.Episodes;
using CrazyTrain.Twin.Track;
using CrazyTrain.Twin.Train;

namespace CrazyTrain.Twin.World;

/// <summary>
/// The train on its layout: moved by <see cref="Advance"/> for a span of simulated time under the motor power the hub
/// holds. Pure apart from its lock: whoever owns the clock decides when and by how much it advances.
/// <see cref="Reset"/> turns it into a seeded episode (layout, signs, train) while everything runs.
/// </summary>
public sealed class TwinWorld
{
    private readonly Lock _gate = new();
    private readonly TwinEventLog _events;
    private MotorModel _motor;
    private Lineside _lineside;
    private EpisodePlan _plan;
    private EpisodeRecorder _episode;
    private int _version;
    private TrainMotion _motion;
    private sbyte _power;
    private bool _hubConnected;
    private TimeSpan _simulated;

    public TwinWorld(Lineside lineside, MotorModel motor, double startCm = 0, int eventCapacity = 100, string style = "")
    {
        _lineside = lineside;
        _motor = motor;
        _events = new TwinEventLog(eventCapacity);
        _motion = new TrainMotion(startCm, 0);
        _plan = EpisodePlan.Configured(lineside, startCm, style, motor);
        _episode = new EpisodeRecorder(_plan, lineside, motor, startCm, 0, TimeSpan.Zero, DateTimeOffset.UtcNow);
    }

    public Lineside Lineside { get { lock (_gate) { return _lineside; } } }

    public TrackLoop Layout => Lineside.Layout;

    /// <summary>The layout, signs and room the camera must draw, and a number that changes with each episode.</summary>
    public (Lineside Lineside, EpisodePlan Plan, int Version) Scenery()
    {
        lock (_gate)
        {
            return (_lineside, _plan, _version);
        }
    }

    /// <summary>
    /// Rebuilds the world as <paramref name="plan"/> says: its layout and signs, the train standing at its start with
    /// the episode's motor (<paramref name="configuredMotor"/> with the plan's top speed), and a new episode record.
    /// Throws <see cref="TrackLoopException"/> for a plan whose layout or signs cannot be laid (nothing changes then).
    /// </summary>
    public void Reset(EpisodePlan plan, MotorModel configuredMotor, DateTimeOffset now)
    {
        var lineside = plan.BuildLineside();
        var motor = plan.Motor(configuredMotor);
        lock (_gate)
        {
            _lineside = lineside;
            _motor = motor;
            _plan = plan;
            _version++;
            _motion = new TrainMotion(plan.StartCm, 0);
            _episode = new EpisodeRecorder(plan, lineside, motor, plan.StartCm, _power, _simulated, now);
            Record(now, "episode", $"episode {plan.Seed}: {plan.Family} '{plan.Layout}', {plan.Signs.Count} signs, room {plan.Style}");
        }
    }

    /// <summary>The current episode and what happened at each of its signs so far.</summary>
    public EpisodeView Episode()
    {
        lock (_gate)
        {
            return _episode.View();
        }
    }

    /// <summary>The hub took a new motor power (LWP3 terms) at <paramref name="now"/>: between two steps, when the controller's order lands.</summary>
    public void NoteHubOrder(sbyte power, DateTimeOffset now)
    {
        lock (_gate)
        {
            _episode.HubOrder(power, _simulated, now);
        }
    }

    /// <summary>
    /// Moves the train by <paramref name="simulated"/> under <paramref name="power"/> (LWP3: 0 float, 127 brake,
    /// -100..100) and records what happened on the way.
    /// </summary>
    public void Advance(TimeSpan simulated, sbyte power, bool hubConnected, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (hubConnected != _hubConnected)
            {
                _hubConnected = hubConnected;
                Record(now, hubConnected ? "hub-connected" : "hub-disconnected",
                    hubConnected ? "the controller connected to the hub" : "the hub's central went away: the motor stops");
            }

            if (power != _power)
            {
                _power = power;
                Record(now, "motor", power switch
                {
                    MotorPowerValues.Brake => "motor brakes",
                    MotorPowerValues.Float => "motor floats",
                    _ => $"motor power {power}%",
                });
            }

            var before = _motion;
            _motion = TrainPhysics.Step(before, power, simulated, _motor);
            _simulated += simulated;
            _episode.Advanced(before, _motion, power, _simulated, now);
            NotePassedSigns(before.OdometerCm, _motion.OdometerCm, now);
            if (!before.AtStandstill && _motion.AtStandstill)
            {
                var next = _lineside.NextAhead(_motion.OdometerCm);
                Record(now, "stopped", next is { } n
                    ? $"train stopped {n.DistanceCm:F1} cm before the {n.Sign.Label} sign"
                    : "train stopped");
            }
        }
    }

    /// <summary>
    /// The camera's frame <paramref name="frame"/> is the first in which a target sign is at least
    /// <see cref="VisibleWidthPx"/> wide: where reaction time starts (docs/twin.md).
    /// </summary>
    public void NoteSignVisible(string label, double widthPx, long frame, DateTimeOffset now)
    {
        lock (_gate)
        {
            Record(now, "sign-visible", $"the {label} sign is {widthPx:F1} px wide in frame {frame}");
            _episode.SignVisible(label, widthPx, frame, _motion, _simulated, now);
        }
    }

    /// <summary>Width from which a sign counts as visible to the camera: the 12 px.</summary>
    public const double VisibleWidthPx = 12;

    /// <summary>
    /// A camera frame is the first in which a target sign's box is at least <see cref="GlimpsePx"/> on its larger
    /// side: from here a stop is the sign's (the controller acts from 10 px).
    /// </summary>
    public void NoteSignGlimpsed(string label, DateTimeOffset now)
    {
        lock (_gate)
        {
            _episode.SignGlimpsed(label, _motion, _simulated, now);
        }
    }

    /// <summary>
    /// Size (the box's larger side) from which a standstill before a sign can be the sign obeyed: under the controller's
    /// near-sign gate (10 px of a 640 px frame, docs/controller.md) by a margin for the detector's box, so a STOP that
    /// acts at 10-12 px is credited to its sign, while reaction times still start at <see cref="VisibleWidthPx"/> wide.
    /// The larger side, because a sign coming round a curve enters at the frame's edge with its box cut narrow there
    /// while its height is whole and the detector already reads it.
    /// </summary>
    public const double GlimpsePx = 8;

    public TwinSnapshot Snapshot()
    {
        lock (_gate)
        {
            var next = _lineside.NextAhead(_motion.OdometerCm);
            return new TwinSnapshot(
                _lineside.Layout.Wrap(_motion.OdometerCm),
                _motion.OdometerCm,
                _motion.SpeedCmPerS,
                (int)Math.Floor(_motion.OdometerCm / _lineside.Layout.LengthCm),
                _lineside.Layout.PoseAt(_motion.OdometerCm),
                _hubConnected,
                _power,
                next?.Sign,
                next?.DistanceCm,
                _simulated,
                _events.Recent());
        }
    }

    private void NotePassedSigns(double fromCm, double toCm, DateTimeOffset now)
    {
        if (toCm <= fromCm)
        {
            return;
        }

        // Each sign crossed going forwards, however many laps one step spans (it never spans one in practice).
        var lap = Math.Floor(fromCm / _lineside.Layout.LengthCm);
        for (var baseCm = lap * _lineside.Layout.LengthCm; baseCm < toCm; baseCm += _lineside.Layout.LengthCm)
        {
            foreach (var sign in _lineside.Signs)
            {
                var at = baseCm + sign.PositionCm;
                if (at > fromCm && at <= toCm)
                {
                    Record(now, "passed-sign", $"passed the {sign.Label} sign at {_motion.SpeedCmPerS:F1} cm/s", sign.PositionCm);
                }
            }
        }
    }

    private void Record(DateTimeOffset now, string kind, string message, double? atCm = null) =>
        _events.Add(new TwinEvent(now, kind, message, atCm ?? _lineside.Layout.Wrap(_motion.OdometerCm)));
}

/// <summary>The world at one instant, for the API and tests.</summary>
public sealed record TwinSnapshot(
    double PositionCm,
    double OdometerCm,
    double SpeedCmPerS,
    int Lap,
    TablePose Pose,
    bool HubConnected,
    sbyte MotorPower,
    LinesideSign? NextSign,
    double? NextSignDistanceCm,
    TimeSpan Simulated,
    IReadOnlyList<TwinEvent> Events);
