using CrazyTrain.Simulation.Geometry;

namespace CrazyTrain.Simulation.Scenes;

/// <summary>One piece of a track run: straight, or an arc (positive angle turns left).</summary>
public sealed record TrackSegment(double Length, double Radius = 0, double Angle = 0)
{
    public static TrackSegment Straight(double length) => new(length);

    public static TrackSegment Curve(double radius, double angle) => new(Math.Abs(radius * angle), radius, angle);

    public bool IsCurve => Radius > 0 && Angle != 0;
}

/// <summary>
/// A LEGO track run as a chain of straights and curves from <see cref="Start"/> along <see cref="StartHeading"/>.
/// LEGO City track: 8 studs (64 mm) wide, standard curves of 40 studs (320 mm) radius.
/// </summary>
public sealed record TrackLayout(Vec2 Start, double StartHeading, IReadOnlyList<TrackSegment> Segments)
{
    public const double StudPitch = 0.008;
    public const double Width = 8 * StudPitch;
    public const double Gauge = 0.038;
    public const double StandardCurveRadius = 0.32;

    public double Length => Segments.Sum(s => s.Length);

    /// <summary>Point and heading at arc length <paramref name="s"/> (clamped to the run; straight beyond its ends).</summary>
    public (Vec2 Point, double Heading) PoseAt(double s)
    {
        var p = Start;
        var h = StartHeading;
        if (s < 0) return (p + Vec2.FromAngle(h) * s, h);
        foreach (var seg in Segments)
        {
            var d = Math.Min(s, seg.Length);
            (p, h) = Advance(p, h, seg, d);
            s -= d;
            if (s <= 0) return (p, h);
        }

        return (p + Vec2.FromAngle(h) * s, h);
    }

    /// <summary>Centre-line samples every <paramref name="step"/> metres, ends included.</summary>
    public IEnumerable<(double S, Vec2 Point, double Heading)> Sample(double step)
    {
        var total = Length;
        var n = Math.Max(1, (int)Math.Ceiling(total / step));
        for (var i = 0; i <= n; i++)
        {
            var s = total * i / n;
            var (p, h) = PoseAt(s);
            yield return (s, p, h);
        }
    }

    /// <summary>Approximate distance from a table point to the centre line.</summary>
    public double DistanceTo(Vec2 point)
    {
        var best = double.MaxValue;
        foreach (var (_, p, _) in Sample(0.01))
        {
            best = Math.Min(best, (p - point).Length);
        }

        return best;
    }

    private static (Vec2, double) Advance(Vec2 p, double h, TrackSegment seg, double d)
    {
        if (!seg.IsCurve) return (p + Vec2.FromAngle(h) * d, h);
        var sign = Math.Sign(seg.Angle);
        var centre = p + Vec2.FromAngle(h + sign * Math.PI / 2) * seg.Radius;
        var turn = sign * d / seg.Radius;
        var start = Math.Atan2(p.Y - centre.Y, p.X - centre.X);
        var end = start + turn;
        return (centre + Vec2.FromAngle(end) * seg.Radius, h + turn);
    }
}
