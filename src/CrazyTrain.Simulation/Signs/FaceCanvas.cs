using OpenCvSharp;

namespace CrazyTrain.Simulation.Signs;

/// <summary>
/// Large drawing surface for one sign face, in normalised coordinates. Faces are drawn big and antialiased,
/// then shrunk, which is what makes them look printed rather than vector-crisp once small.
/// </summary>
internal sealed class FaceCanvas : IDisposable
{
    private const int Shift = 4;
    private const double One = 1 << Shift;

    public FaceCanvas(int width, int height)
    {
        Width = width;
        Height = height;
        Bgr = new Mat(height, width, MatType.CV_8UC3, Scalar.All(0));
        Alpha = new Mat(height, width, MatType.CV_8UC1, Scalar.All(0));
    }

    public int Width { get; }
    public int Height { get; }
    public Mat Bgr { get; }
    public Mat Alpha { get; }

    private Point P(Point2d n) => new((int)Math.Round((n.X * Width - 0.5) * One), (int)Math.Round((n.Y * Height - 0.5) * One));

    /// <summary>Makes the plate: alpha from the outline, base colour everywhere inside.</summary>
    public void Plate(IReadOnlyList<Point2d> outline, Scalar colour)
    {
        var pts = outline.Select(P).ToArray();
        Cv2.FillPoly(Alpha, [pts], Scalar.All(255), LineTypes.AntiAlias, Shift);
        Cv2.FillPoly(Bgr, [pts], colour, LineTypes.AntiAlias, Shift);
    }

    public void Polygon(IReadOnlyList<Point2d> polygon, Scalar colour) =>
        Cv2.FillPoly(Bgr, [polygon.Select(P).ToArray()], colour, LineTypes.AntiAlias, Shift);

    /// <summary>Circle with radius as a fraction of the canvas width.</summary>
    public void Disc(Point2d centre, double radius, Scalar colour)
    {
        var r = radius * Width;
        Cv2.Ellipse(Bgr, P(centre), new Size(r * One, r * One), 0, 0, 360, colour, -1, LineTypes.AntiAlias, Shift);
    }

    public void Ring(Point2d centre, double radius, double thickness, Scalar colour)
    {
        var r = radius * Width;
        var t = Math.Max(1, (int)Math.Round(thickness * Width));
        Cv2.Ellipse(Bgr, P(centre), new Size(r * One, r * One), 0, 0, 360, colour, t, LineTypes.AntiAlias, Shift);
    }

    /// <summary>Elliptic arc stroke; radii as fractions of the canvas width and height, angles clockwise from +x in degrees.</summary>
    public void Arc(Point2d centre, double radiusX, double radiusY, double startDegrees, double endDegrees, double thickness, Scalar colour) =>
        Cv2.Ellipse(Bgr, P(centre), new Size(radiusX * Width * One, radiusY * Height * One), 0, startDegrees, endDegrees, colour,
            Math.Max(1, (int)Math.Round(thickness * Width)), LineTypes.AntiAlias, Shift);

    public void Line(Point2d a, Point2d b, double thickness, Scalar colour) =>
        Cv2.Line(Bgr, P(a), P(b), colour, Math.Max(1, (int)Math.Round(thickness * Width)), LineTypes.AntiAlias, Shift);

    /// <summary>Bold text centred on <paramref name="centre"/>, scaled to <paramref name="width"/> (fraction of canvas width).</summary>
    public void Text(string text, Point2d centre, double width, double maxHeight, Scalar colour, double weight = 0.16, HersheyFonts font = HersheyFonts.HersheyDuplex)
    {
        // Measure at scale 1, then choose a scale that fits both width and height; stroke grows with it.
        var probeThickness = 1;
        var size = Cv2.GetTextSize(text, font, 1.0, probeThickness, out _);
        var scale = Math.Min(width * Width / size.Width, maxHeight * Height / size.Height);
        var thickness = Math.Max(1, (int)Math.Round(weight * size.Height * scale));
        size = Cv2.GetTextSize(text, font, scale, thickness, out _);
        var origin = new Point(
            (int)Math.Round(centre.X * Width - size.Width / 2.0),
            (int)Math.Round(centre.Y * Height + size.Height / 2.0));
        Cv2.PutText(Bgr, text, origin, font, scale, colour, thickness, LineTypes.AntiAlias);
    }

    public void Dispose()
    {
        Bgr.Dispose();
        Alpha.Dispose();
    }
}
