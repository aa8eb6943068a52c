using System.Collections.Concurrent;
using OpenCvSharp;

namespace CrazyTrain.Simulation.Signs;

/// <summary>
/// Procedural printed faces of the LEGO signs, drawn once at high resolution and shared (read-only) by all
/// renderers. Designs follow the LEGO 2x2 printed plates: white rims, thick rings, bold Hershey lettering.
/// </summary>
public static class SignFaces
{
    private const int CanvasSize = 1024;
    /// <summary>Number of print variants (lettering and ring weight) per design.</summary>
    public const int PrintVariants = 3;

    private static readonly ConcurrentDictionary<(SignKind, DangerPictogram, int), Lazy<FaceTexture>> Cache = new();

    /// <summary>
    /// The face of <paramref name="kind"/>. Print variants differ in lettering (Hershey Duplex or a heavier
    /// Simplex) and ring weight, so the detector does not learn one exact print.
    /// </summary>
    public static FaceTexture Get(SignKind kind, DangerPictogram pictogram = DangerPictogram.Exclamation, int printVariant = 0)
    {
        var key = (kind, kind == SignKind.Danger ? pictogram : DangerPictogram.Exclamation, Math.Clamp(printVariant, 0, PrintVariants - 1));
        return Cache.GetOrAdd(key, k => new Lazy<FaceTexture>(() => Create(k.Item1, k.Item2, k.Item3))).Value;
    }

    private static FaceTexture Create(SignKind kind, DangerPictogram pictogram, int variant)
    {
        var shape = SignKinds.Shape(kind);
        var (wm, hm) = SignKinds.FaceSize(kind);
        var width = CanvasSize;
        var height = (int)Math.Round(CanvasSize * hm / wm);
        var outline = ShapeOutlines.For(shape);
        using var canvas = new FaceCanvas(width, height);
        var plate = Draw(canvas, kind, pictogram, outline, variant);
        return new FaceTexture(BuildLevels(canvas), outline, wm, hm, plate);
    }

    private static Scalar Draw(FaceCanvas c, SignKind kind, DangerPictogram pictogram, IReadOnlyList<Point2d> outline, int variant)
    {
        var font = variant == 0 ? HersheyFonts.HersheyDuplex : HersheyFonts.HersheySimplex;
        var bold = variant == 0 ? 1.0 : 1.3;
        var ring = variant switch { 0 => 0.25, 1 => 0.29, _ => 0.22 };
        var centre = new Point2d(0.5, 0.5);
        var white = LegoPalette.White;
        var red = LegoPalette.Red;
        var blue = LegoPalette.Blue;
        var black = LegoPalette.Black;
        var ink = new Scalar(22, 20, 18);
        const double r = ShapeOutlines.Margin.Round;
        switch (kind)
        {
            case SignKind.Stop:
                c.Plate(outline, white);
                c.Disc(centre, r * 0.87, red);
                c.Text("STOP", new Point2d(0.5, 0.5), 0.64, 0.26, white, 0.17 * bold, font);
                return white;
            case SignKind.NoEntry:
                c.Plate(outline, white);
                c.Disc(centre, r * 0.88, red);
                c.Polygon(ShapeOutlines.RoundedPolygon(Rect(0.5, 0.5, 0.31, 0.075), 0.015, 4), white);
                return white;
            case SignKind.SpeedLimit30:
            case SignKind.SpeedLimit50:
                c.Plate(outline, white);
                c.Ring(centre, r * (0.94 - ring / 2), r * ring, red);
                var limit = kind == SignKind.SpeedLimit30 ? "30" : "50";
                if (variant == 2)
                {
                    RoadSignDigits.Draw(c, limit, centre, 0.36, ink);
                }
                else
                {
                    c.Text(limit, centre, 0.46, 0.36, ink, 0.2 * bold, font);
                }

                return white;
            case SignKind.Danger:
                c.Plate(outline, LegoPalette.Yellow);
                c.Polygon(ShapeOutlines.Scale(outline, 0.965), black);
                c.Polygon(ShapeOutlines.Scale(outline, 0.70), LegoPalette.Yellow);
                Pictograms.DrawDanger(c, pictogram, new Point2d(0.5, 0.655), 0.175, ink, LegoPalette.Yellow);
                return LegoPalette.Yellow;
            case SignKind.Parking:
                c.Plate(outline, white);
                c.Polygon(ShapeOutlines.Scale(outline, 0.9), blue);
                c.Text("P", new Point2d(0.5, 0.5), 0.5, 0.6, white, 0.2 * bold, font);
                return white;
            case SignKind.BusStop:
                c.Plate(outline, white);
                c.Polygon(ShapeOutlines.Scale(outline, 0.9), blue);
                c.Text("BUS", new Point2d(0.5, 0.33), 0.62, 0.22, white, 0.16 * bold, font);
                c.Text("STOP", new Point2d(0.5, 0.67), 0.72, 0.22, white, 0.16 * bold, font);
                return white;
            case SignKind.PedestrianCrossing:
                c.Plate(outline, white);
                c.Polygon(ShapeOutlines.Scale(outline, 0.9), blue);
                c.Polygon(ShapeOutlines.RoundedPolygon(ShapeOutlines.TriangleCorners(0.36), 0.03, 4), white);
                Pictograms.DrawPedestrian(c, new Point2d(0.5, 0.58), 0.17, ink);
                return white;
            case SignKind.NoHorn:
                c.Plate(outline, white);
                Pictograms.DrawHorn(c, centre, 0.2, ink);
                c.Ring(centre, 0.37, 0.085, red);
                c.Line(new Point2d(0.5 - 0.26, 0.5 - 0.26), new Point2d(0.5 + 0.26, 0.5 + 0.26), 0.075, red);
                return white;
            case SignKind.CarDisc:
                c.Plate(outline, white);
                c.Disc(centre, r * 0.93, blue);
                Pictograms.DrawCar(c, centre, 0.3, white, blue);
                return white;
            case SignKind.BicycleDisc:
                c.Plate(outline, white);
                c.Disc(centre, r * 0.93, blue);
                Pictograms.DrawBicycle(c, centre, 0.3, white);
                return white;
            case SignKind.TrafficLight:
                c.Plate(outline, LegoPalette.Yellow);
                DrawTrafficLamps(c);
                return LegoPalette.Yellow;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    private static void DrawTrafficLamps(FaceCanvas c)
    {
        Scalar[] lenses = [LegoPalette.TransRed, LegoPalette.TransYellow, LegoPalette.TransGreen];
        var aspect = (double)c.Height / c.Width;
        for (var i = 0; i < 3; i++)
        {
            var y = (0.2 + 0.3 * i);
            var centre = new Point2d(0.5, y);
            c.Disc(centre, 0.36, new Scalar(30, 30, 30));
            c.Disc(centre, 0.28, Dim(lenses[i], i == 1 ? 1.0 : 0.6));
            c.Disc(new Point2d(0.42, y - 0.06 / aspect), 0.07, Dim(new Scalar(255, 255, 255), 0.85));
        }
    }

    internal static Scalar Dim(Scalar s, double f) => new(s.Val0 * f, s.Val1 * f, s.Val2 * f);

    internal static Point2d[] Rect(double cx, double cy, double halfW, double halfH) =>
        [new Point2d(cx - halfW, cy - halfH), new Point2d(cx + halfW, cy - halfH), new Point2d(cx + halfW, cy + halfH), new Point2d(cx - halfW, cy + halfH)];

    private static Mat[] BuildLevels(FaceCanvas canvas)
    {
        using var merged = new Mat();
        var channels = Cv2.Split(canvas.Bgr);
        try
        {
            Cv2.Merge([channels[0], channels[1], channels[2], canvas.Alpha], merged);
        }
        finally
        {
            foreach (var ch in channels) ch.Dispose();
        }

        var levels = new List<Mat>();
        var current = new Mat();
        Cv2.Resize(merged, current, new Size(canvas.Width / 2, canvas.Height / 2), 0, 0, InterpolationFlags.Area);
        levels.Add(current);
        var (w, h) = (canvas.Width / 2, canvas.Height / 2);
        while (w > 8)
        {
            (w, h) = (Math.Max(1, w / 2), Math.Max(1, h / 2));
            var next = new Mat();
            Cv2.Resize(current, next, new Size(w, h), 0, 0, InterpolationFlags.Area);
            levels.Add(next);
            current = next;
        }

        return levels.ToArray();
    }
}
