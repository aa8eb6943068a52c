using CrazyTrain.Signs;
using CrazyTrain.Twin.Track;
using CrazyTrain.Twin.Train;

namespace CrazyTrain.Twin.Episodes;

/// <summary>A wall-clock instant and the simulated time since the episode began (they differ when the camera slows simulated time).</summary>
internal readonly record struct Moment(DateTimeOffset At, TimeSpan Sim);

/// <summary>What happened at one sign so far in an episode (<see cref="EpisodeRecorder"/>); <see cref="OdometerCm"/> is where the train meets it this lap.</summary>
internal sealed class SignProgress(LinesideSign sign, double sightCm, double odometerCm)
{
    public LinesideSign Sign { get; } = sign;

    public double OdometerCm { get; } = odometerCm;

    public SignRule? Rule { get; } = SignCatalogue.Find(sign.Label)?.Rule;

    /// <summary>The first frame showing the sign <see cref="World.TwinWorld.GlimpsePx"/> on its box's larger side.</summary>
    public Moment? Glimpsed { get; set; }

    public Moment? Visible { get; set; }

    public long VisibleFrame { get; set; }

    public double VisibleWidthPx { get; set; }

    public double VisibleDistanceCm { get; set; }

    public double VisibleSpeed { get; set; }

    public sbyte PowerAtVisible { get; set; }

    public double MinSpeed { get; set; }

    public Moment? Order { get; set; }

    public sbyte OrderPower { get; set; }

    public Moment? Passed { get; set; }

    public double SpeedAtSign { get; set; }

    public sbyte PowerAtSign { get; set; }

    public bool? StoppedBefore { get; set; }

    public double? StopDistanceCm { get; set; }

    public SignRecord View(MotorModel motor)
    {
        var cap = SignCatalogue.Find(Sign.Label)?.CapPower;
        return new SignRecord(
            Sign.Label,
            Sign.IsTarget,
            Sign.PositionCm,
            Sign.Side.ToString().ToLowerInvariant(),
            Sign.OffsetCm,
            sightCm,
            Visible?.At,
            Ms(Visible?.Sim),
            Visible is null ? null : VisibleFrame,
            Visible is null ? null : Math.Round(VisibleWidthPx, 1),
            Visible is null ? null : Math.Round(VisibleDistanceCm, 2),
            Order?.At,
            Ms(Order?.Sim),
            Order is null ? null : OrderName(OrderPower),
            // No reaction for a sign ordered on before it was 12 px wide (the controller acts from 10 px).
            Visible is { } v && Order is { } o && o.At >= v.At ? Math.Round((o.At - v.At).TotalMilliseconds) : null,
            Visible is { } v2 && Order is { } o2 && o2.At >= v2.At ? Math.Round((o2.Sim - v2.Sim).TotalMilliseconds) : null,
            Rule is SignRule.Stop or SignRule.Halt ? StoppedBefore : null,
            StopDistanceCm is { } d ? Math.Round(d, 2) : null,
            Passed?.At,
            Passed is null ? null : Math.Round(SpeedAtSign, 2),
            Passed is null ? null : OrderName(PowerAtSign),
            cap is { } c && Passed is not null ? PowerAtSign is MotorPowerValues.Float or MotorPowerValues.Brake || (PowerAtSign > 0 && PowerAtSign <= c) : null,
            cap is { } c2 ? Math.Round(motor.SteadySpeed((sbyte)c2), 2) : null,
            Rule == SignRule.Danger && Passed is not null ? Visible is not null && MinSpeed <= 0.5 * VisibleSpeed : null,
            Visible is null ? null : Math.Round(VisibleSpeed, 2),
            Visible is null ? null : Math.Round(MinSpeed, 2),
            Visible is null ? null : OrderName(PowerAtVisible));
    }

    /// <summary>What the motor did, in words: brake, float, or power N (%).</summary>
    public static string OrderName(sbyte power) => power switch
    {
        MotorPowerValues.Brake => "brake",
        MotorPowerValues.Float => "float",
        _ => $"power {power}",
    };

    private static double? Ms(TimeSpan? t) => t is { } x ? Math.Round(x.TotalMilliseconds) : null;
}
