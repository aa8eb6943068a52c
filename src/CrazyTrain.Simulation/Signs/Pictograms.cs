using OpenCvSharp;

namespace CrazyTrain.Simulation.Signs;

/// <summary>
/// The small pictograms printed on LEGO signs. Each is drawn in a local frame: (u, v) in [-1, 1], v down,
/// centred on <c>centre</c> and <c>scale</c> wide (fraction of the canvas width) per unit.
/// </summary>
internal static class Pictograms
{
    public static void DrawDanger(FaceCanvas c, DangerPictogram pictogram, Point2d centre, double scale, Scalar ink, Scalar background)
    {
        var f = Frame(c, centre, scale);
        switch (pictogram)
        {
            case DangerPictogram.Exclamation:
                c.Line(f(0, -0.95), f(0, 0.3), 0.34 * scale, ink);
                c.Disc(f(0, 0.78), 0.2 * scale, ink);
                break;
            case DangerPictogram.LevelCrossingGate:
                // A gated fence: two rails and four posts, like the European level-crossing pictogram.
                c.Line(f(-1.0, -0.35), f(1.0, -0.35), 0.2 * scale, ink);
                c.Line(f(-1.0, 0.25), f(1.0, 0.25), 0.2 * scale, ink);
                foreach (var u in new[] { -0.8, -0.27, 0.27, 0.8 })
                {
                    c.Line(f(u, -0.8), f(u, 0.85), 0.2 * scale, ink);
                }

                break;
            case DangerPictogram.SteamLocomotive:
                c.Polygon(Box(f, -1.05, -0.2, 0.35, 0.45), ink);   // boiler
                c.Polygon(Box(f, 0.3, -0.75, 1.05, 0.45), ink);    // cab
                c.Polygon(Box(f, 0.48, -0.58, 0.85, -0.25), background); // cab window
                c.Polygon(Box(f, -0.85, -0.6, -0.55, -0.2), ink);  // chimney
                c.Disc(f(-0.55, -0.95), 0.17 * scale, ink);        // smoke
                c.Disc(f(-0.2, -1.1), 0.13 * scale, ink);
                foreach (var u in new[] { -0.7, -0.2, 0.6 })
                {
                    c.Disc(f(u, 0.62), 0.24 * scale, ink);
                }

                c.Line(f(-1.15, 0.62), f(0.9, 0.62), 0.08 * scale, ink);
                break;
            case DangerPictogram.Children:
                Walker(c, f, -0.45, -0.15, 1.0, scale, ink);
                Walker(c, f, 0.45, 0.15, 0.78, scale, ink);
                break;
            case DangerPictogram.RoadWorker:
                c.Disc(f(-0.25, -0.78), 0.2 * scale, ink);
                c.Line(f(-0.3, -0.5), f(-0.05, 0.2), 0.3 * scale, ink);
                c.Line(f(-0.05, 0.2), f(-0.45, 0.95), 0.17 * scale, ink);
                c.Line(f(-0.05, 0.2), f(0.3, 0.95), 0.17 * scale, ink);
                c.Line(f(-0.25, -0.35), f(0.35, 0.05), 0.13 * scale, ink); // arms to the shovel
                c.Line(f(-0.65, -0.55), f(0.55, 0.45), 0.08 * scale, ink); // shovel shaft
                c.Polygon([f(0.45, 0.35), f(0.8, 0.5), f(0.7, 0.75), f(0.4, 0.6)], ink);
                c.Polygon([f(0.35, 1.0), f(0.75, 0.62), f(1.15, 1.0)], ink); // heap
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(pictogram));
        }
    }

    public static void DrawPedestrian(FaceCanvas c, Point2d centre, double scale, Scalar ink)
    {
        var f = Frame(c, centre, scale);
        Walker(c, f, 0, -0.2, 0.95, scale, ink);
        for (var i = 0; i < 4; i++)
        {
            var u = -0.9 + i * 0.55;
            c.Polygon(Box(f, u, 0.95, u + 0.3, 1.15), ink);
        }
    }

    public static void DrawHorn(FaceCanvas c, Point2d centre, double scale, Scalar ink)
    {
        var f = Frame(c, centre, scale);
        c.Polygon(Box(f, -0.9, -0.2, -0.35, 0.2), ink);
        c.Polygon([f(-0.4, -0.15), f(0.75, -0.7), f(0.75, 0.7), f(-0.4, 0.15)], ink);
        c.Line(f(0.95, -0.4), f(1.1, -0.55), 0.08 * scale, ink);
        c.Line(f(0.95, 0.4), f(1.1, 0.55), 0.08 * scale, ink);
    }

    public static void DrawCar(FaceCanvas c, Point2d centre, double scale, Scalar white, Scalar background)
    {
        var f = Frame(c, centre, scale);
        c.Polygon(ShapeOutlines.RoundedPolygon([f(-0.95, -0.05), f(0.95, -0.05), f(0.95, 0.4), f(-0.95, 0.4)], 0.01, 3), white);
        c.Polygon([f(-0.55, -0.05), f(-0.3, -0.5), f(0.35, -0.5), f(0.6, -0.05)], white);
        c.Polygon([f(-0.38, -0.1), f(-0.22, -0.4), f(0.0, -0.4), f(0.0, -0.1)], background);
        c.Polygon([f(0.08, -0.1), f(0.08, -0.4), f(0.3, -0.4), f(0.46, -0.1)], background);
        foreach (var u in new[] { -0.55, 0.55 })
        {
            c.Disc(f(u, 0.42), 0.28 * scale, background);
            c.Disc(f(u, 0.42), 0.21 * scale, white);
        }
    }

    public static void DrawBicycle(FaceCanvas c, Point2d centre, double scale, Scalar white)
    {
        var f = Frame(c, centre, scale);
        var t = 0.09 * scale;
        c.Ring(f(-0.55, 0.3), 0.38 * scale, t, white);
        c.Ring(f(0.55, 0.3), 0.38 * scale, t, white);
        c.Line(f(-0.55, 0.3), f(-0.1, 0.3), t, white);
        c.Line(f(-0.1, 0.3), f(-0.3, -0.3), t, white);
        c.Line(f(-0.55, 0.3), f(-0.3, -0.3), t, white);
        c.Line(f(-0.3, -0.3), f(0.35, -0.3), t, white);
        c.Line(f(-0.1, 0.3), f(0.35, -0.3), t, white);
        c.Line(f(0.35, -0.3), f(0.55, 0.3), t, white);
        c.Line(f(0.3, -0.5), f(0.45, -0.6), t, white);
        c.Line(f(0.35, -0.3), f(0.32, -0.5), t, white);
        c.Line(f(-0.45, -0.48), f(-0.15, -0.48), 1.3 * t, white);
    }

    private static void Walker(FaceCanvas c, Func<double, double, Point2d> f, double u, double v, double size, double scale, Scalar ink)
    {
        Point2d P(double du, double dv) => f(u + du * size, v + dv * size);
        var t = 0.17 * scale * size;
        c.Disc(P(0.05, -0.62), 0.2 * scale * size, ink);
        c.Line(P(0.02, -0.35), P(-0.05, 0.3), 1.5 * t, ink);
        c.Line(P(-0.05, 0.3), P(-0.35, 0.95), t, ink);
        c.Line(P(-0.05, 0.3), P(0.3, 0.95), t, ink);
        c.Line(P(0.0, -0.25), P(-0.35, 0.15), t * 0.9, ink);
        c.Line(P(0.0, -0.25), P(0.35, 0.1), t * 0.9, ink);
    }

    private static Func<double, double, Point2d> Frame(FaceCanvas c, Point2d centre, double scale)
    {
        // Scale is a fraction of the width; keep the pictogram's proportions on non-square faces.
        var sy = scale * c.Width / c.Height;
        return (u, v) => new Point2d(centre.X + u * scale, centre.Y + v * sy);
    }

    private static Point2d[] Box(Func<double, double, Point2d> f, double u0, double v0, double u1, double v1) =>
        [f(u0, v0), f(u1, v0), f(u1, v1), f(u0, v1)];
}
