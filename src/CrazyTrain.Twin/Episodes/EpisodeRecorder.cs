using CrazyTrain.Signs;
using CrazyTrain.Twin.Track;
using CrazyTrain.Twin.Train;

namespace CrazyTrain.Twin.Episodes;

/// <summary>
/// The twin's ground truth about one episode, sign by sign: when the camera first saw it 12 px wide, when the hub next
/// changed the motor and to what, whether and where the train stood still before it, how fast it passed it; standstills
/// no sign explains (false stops); and why the episode ended. Fed by <see cref="World.TwinWorld"/> under its lock, for one
/// lap from the train's start: each sign is met once.
/// </summary>
internal sealed class EpisodeRecorder
{
    /// <summary>
    /// A standstill this close before a STOP, no-entry or danger sign the camera glimpsed is the train obeying it. The
    /// controller acts from 10 px (about 89 cm on a straight; a detector's box a little wide reads so up to ~100 cm), the
    /// glimpse is 8 px (~111 cm): a stop farther away than this is counted false even when ordered for the sign.
    /// </summary>
    public const double ReachCm = 100;

    private readonly EpisodePlan _plan;
    private readonly TrackLoop _layout;
    private readonly MotorModel _motor;
    private readonly double _startOdometerCm;
    private readonly SignProgress[] _signs;
    private readonly List<FalseStop> _falseStops = [];
    private readonly DateTimeOffset _startedAt;
    private readonly TimeSpan _startedSim;
    private sbyte _hubPower;
    private (Moment At, sbyte Power)? _stopOrdered;
    private string? _endedBecause;
    private (DateTimeOffset At, TimeSpan Sim)? _ended;
    private (DateTimeOffset At, TimeSpan Sim) _last;

    public EpisodeRecorder(EpisodePlan plan, Lineside lineside, MotorModel motor, double startOdometerCm, sbyte hubPower, TimeSpan sim, DateTimeOffset now)
    {
        _plan = plan;
        _layout = lineside.Layout;
        _motor = motor;
        _startOdometerCm = startOdometerCm;
        _hubPower = hubPower;
        _startedAt = now;
        _startedSim = sim;
        _last = (now, sim);
        var sight = plan.Signs.ToDictionary(s => s.Sign, s => s.SightCm);
        _signs = [.. lineside.Signs.Select(s =>
        {
            var ahead = _layout.Wrap(s.PositionCm - _layout.Wrap(startOdometerCm));
            return new SignProgress(s, sight.GetValueOrDefault(s), startOdometerCm + (ahead == 0 ? _layout.LengthCm : ahead));
        })];
    }

    public bool Ended => _endedBecause is not null;

    /// <summary>
    /// The camera's frame shows a target sign labelled <paramref name="label"/> at least
    /// <see cref="World.TwinWorld.GlimpsePx"/> on its box's larger side: from then on a standstill before it can be the
    /// sign obeyed.
    /// </summary>
    public void SignGlimpsed(string label, TrainMotion train, TimeSpan sim, DateTimeOffset now)
    {
        if (!Ended && Ahead(label, train) is { Glimpsed: null } sign)
        {
            sign.Glimpsed = new Moment(now, sim - _startedSim);
        }
    }

    /// <summary>The camera's frame shows a target sign labelled <paramref name="label"/> at least 12 px wide: the nearest such sign ahead not yet seen.</summary>
    public void SignVisible(string label, double widthPx, long frame, TrainMotion train, TimeSpan sim, DateTimeOffset now)
    {
        if (Ended)
        {
            return;
        }

        var sign = Ahead(label, train);
        if (sign is null || sign.Visible is not null)
        {
            return;
        }

        sign.Glimpsed ??= new Moment(now, sim - _startedSim);

        sign.Visible = new Moment(now, sim - _startedSim);
        sign.VisibleFrame = frame;
        sign.VisibleWidthPx = widthPx;
        sign.VisibleDistanceCm = sign.OdometerCm - train.OdometerCm;
        sign.VisibleSpeed = train.SpeedCmPerS;
        sign.MinSpeed = train.SpeedCmPerS;
        sign.PowerAtVisible = _hubPower;
    }

    /// <summary>The hub took a motor power (LWP3 terms); the first change after a sign was seen is that sign's order.</summary>
    public void HubOrder(sbyte power, TimeSpan sim, DateTimeOffset now)
    {
        if (Ended || power == _hubPower)
        {
            return;
        }

        _hubPower = power;
        // The standstill that follows is this command's: remembered until the hub runs the motor again.
        if (power is not (MotorPowerValues.Float or MotorPowerValues.Brake))
        {
            _stopOrdered = null;
        }
        else
        {
            _stopOrdered ??= (new Moment(now, sim - _startedSim), power);
        }

        foreach (var sign in _signs.Where(s => s.Visible is not null && s.Order is null && s.Passed is null && s.PowerAtVisible != power))
        {
            sign.Order = new Moment(now, sim - _startedSim);
            sign.OrderPower = power;
        }
    }

    /// <summary>The train moved from <paramref name="before"/> to <paramref name="after"/> under <paramref name="power"/>; <paramref name="sim"/> is the simulated time after the step.</summary>
    public void Advanced(TrainMotion before, TrainMotion after, sbyte power, TimeSpan sim, DateTimeOffset now)
    {
        if (Ended)
        {
            return;
        }

        HubOrder(power, sim, now);
        _last = (now, sim);
        foreach (var sign in _signs.Where(s => s.Passed is null))
        {
            if (sign.Visible is not null)
            {
                sign.MinSpeed = Math.Min(sign.MinSpeed, after.SpeedCmPerS);
            }

            if (sign.OdometerCm > before.OdometerCm && sign.OdometerCm <= after.OdometerCm)
            {
                sign.Passed = new Moment(now, sim - _startedSim);
                sign.SpeedAtSign = after.SpeedCmPerS;
                sign.PowerAtSign = power;
                sign.StoppedBefore ??= false;
            }
        }

        if (!before.AtStandstill && after.AtStandstill)
        {
            Standstill(after.OdometerCm, sim, now);
        }

        if (!Ended && after.OdometerCm >= _startOdometerCm + _layout.LengthCm)
        {
            End("lap", sim, now);
        }
    }

    public EpisodeView View() => new(
        _plan.Seed,
        _plan.Family,
        _plan.Layout,
        Math.Round(_layout.LengthCm, 2),
        _plan.Clockwise,
        _plan.Style,
        _plan.Lighting,
        _plan.TopSpeedCmPerS,
        Math.Round(_motor.SteadySpeed(EpisodePlan.CruisePower), 2),
        Math.Round(SignPlanner.RequiredSightCm(_motor), 1),
        Math.Round(_layout.Wrap(_startOdometerCm), 2),
        _startedAt,
        Ended,
        _endedBecause,
        _ended?.At,
        Math.Round(((_ended?.Sim ?? _last.Sim) - _startedSim).TotalMilliseconds),
        Math.Round(((_ended?.At ?? _last.At) - _startedAt).TotalMilliseconds),
        [.. _signs.OrderBy(s => s.OdometerCm).Select(s => s.View(_motor))],
        [.. _falseStops]);

    private void Standstill(double odometerCm, TimeSpan sim, DateTimeOffset now)
    {
        static bool Stops(SignProgress s) => s.Rule is SignRule.Stop or SignRule.Halt or SignRule.Danger;
        var ahead = _signs.Where(s => Stops(s) && s.Passed is null && s.OdometerCm - odometerCm <= ReachCm).MinBy(s => s.OdometerCm);

        // A standstill is the sign's only if the hub was told to stop after the camera saw it: a stop ordered before
        // (the controller's fail-safe under load, an operator) is not the sign obeyed, however close it ends. Judged by
        // the wall clock: simulated time stands still between frames, so a brake that lands just before the frame
        // that shows the sign has the same simulated time as that frame.
        if (ahead is not null && ahead.Glimpsed is { } seen && (_stopOrdered is not { } ordered || ordered.At.At >= seen.At))
        {
            // Ordered before the sign was 12 px wide (the controller acts from 10 px): that stop is the sign's order,
            // with no reaction time, since reaction is timed from the 12 px frame.
            if (ahead.Order is null && _stopOrdered is { } early)
            {
                ahead.Order = early.At;
                ahead.OrderPower = early.Power;
            }

            if (ahead.Rule is SignRule.Stop or SignRule.Halt && ahead.StoppedBefore is null)
            {
                ahead.StoppedBefore = true;
                ahead.StopDistanceCm = ahead.OdometerCm - odometerCm;
            }

            if (ahead.Rule == SignRule.Halt)
            {
                End("halted-at-no-entry", sim, now);
            }

            return;
        }

        // Stopping just past a sign that asks for it is a late stop (the sign's record says missed), not a false one.
        if (_signs.Any(s => Stops(s) && s.Passed is not null && odometerCm - s.OdometerCm <= ReachCm))
        {
            return;
        }

        // Named by the hub command that stopped the train, so whoever reads the record can find the order behind it.
        var next = _signs.Where(s => s.Passed is null).MinBy(s => s.OdometerCm);
        _falseStops.Add(new FalseStop(
            Math.Round(_layout.Wrap(odometerCm), 2), now, Math.Round((sim - _startedSim).TotalMilliseconds),
            next?.Sign.Label, next is null ? null : Math.Round(next.OdometerCm - odometerCm, 2),
            _stopOrdered?.At.At, _stopOrdered is { } o ? SignProgress.OrderName(o.Power) : null));
    }

    /// <summary>The nearest sign labelled <paramref name="label"/> ahead of the train, not passed, within the camera's reach.</summary>
    private SignProgress? Ahead(string label, TrainMotion train) => _signs
        .Where(s => s.Sign.Label == label && s.Passed is null && s.OdometerCm - train.OdometerCm is >= -2 and <= SignSight.FarthestCm)
        .MinBy(s => s.OdometerCm);

    private void End(string why, TimeSpan sim, DateTimeOffset now)
    {
        _endedBecause = why;
        _ended = (now, sim);
    }
}
