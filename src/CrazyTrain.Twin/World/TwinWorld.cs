using CrazyTrain.Twin.Track;
using CrazyTrain.Twin.Train;

namespace CrazyTrain.Twin.World;

/// <summary>
/// The train on its layout: moved by <see cref="Advance"/> for a span of simulated time under the motor power the hub
/// holds. Pure apart from its lock: whoever owns the clock decides when and by how much it advances.
/// </summary>
public sealed class TwinWorld
{
    private readonly Lock _gate = new();
    private readonly MotorModel _motor;
    private readonly TwinEventLog _events;
    private TrainMotion _motion;
    private sbyte _power;
    private bool _hubConnected;
    private TimeSpan _simulated;

    public TwinWorld(Lineside lineside, MotorModel motor, double startCm = 0, int eventCapacity = 100)
    {
        Lineside = lineside;
        _motor = motor;
        _events = new TwinEventLog(eventCapacity);
        _motion = new TrainMotion(startCm, 0);
    }

    public Lineside Lineside { get; }

    public TrackLayout Layout => Lineside.Layout;

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
            NotePassedSigns(before.OdometerCm, _motion.OdometerCm, now);
            if (!before.AtStandstill && _motion.AtStandstill)
            {
                var next = Lineside.NextAhead(_motion.OdometerCm);
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
        }
    }

    /// <summary>Width from which a sign counts as visible to the camera: the 12 px.</summary>
    public const double VisibleWidthPx = 12;

    public TwinSnapshot Snapshot()
    {
        lock (_gate)
        {
            var next = Lineside.NextAhead(_motion.OdometerCm);
            return new TwinSnapshot(
                Layout.Wrap(_motion.OdometerCm),
                _motion.OdometerCm,
                _motion.SpeedCmPerS,
                (int)Math.Floor(_motion.OdometerCm / Layout.LengthCm),
                Layout.PoseAt(_motion.OdometerCm),
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
        var lap = Math.Floor(fromCm / Layout.LengthCm);
        for (var baseCm = lap * Layout.LengthCm; baseCm < toCm; baseCm += Layout.LengthCm)
        {
            foreach (var sign in Lineside.Signs)
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
        _events.Add(new TwinEvent(now, kind, message, atCm ?? Layout.Wrap(_motion.OdometerCm)));
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
