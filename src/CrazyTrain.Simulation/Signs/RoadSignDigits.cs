using OpenCvSharp;

namespace CrazyTrain.Simulation.Signs;

/// <summary>
/// Bold geometric digits in the style of road-sign lettering (round-topped 3, flat-topped 5, oval 0), built from
/// strokes and arcs. Hershey fonts alone give single-stroke, flat-topped shapes that real printed speed limits do
/// not have; the detector must tell 30 from 50 by the shapes real signs carry.
/// </summary>
internal static class RoadSignDigits
{
    /// <summary>Draws <paramref name="digits"/> centred on <paramref name="centre"/>; sizes are fractions of the canvas.</summary>
    public static void Draw(FaceCanvas canvas, string digits, Point2d centre, double height, Scalar ink, double weight = 0.21, double gap = 0.1)
    {
        var width = height * 0.56;
        var stroke = height * weight;
        var total = (digits.Length * width) + ((digits.Length - 1) * gap * height);
        var left = centre.X - (total / 2);
        var top = centre.Y - (height / 2);
        foreach (var digit in digits)
        {
            Glyph(canvas, digit, left, top, width, height, stroke, ink);
            left += width + (gap * height);
        }
    }

    private static void Glyph(FaceCanvas c, char digit, double x, double y, double w, double h, double s, Scalar ink)
    {
        var cx = x + (w / 2);
        var rx = (w - s) / 2;
        switch (digit)
        {
            case '0':
                c.Arc(new Point2d(cx, y + (h / 2)), rx, (h - s) / 2, 0, 360, s, ink);
                break;
            case '3':
                // Two bowls open to the left, meeting in the middle; the lower one a little larger.
                c.Arc(new Point2d(cx, y + (h * 0.265)), rx * 0.94, (h * 0.265) - (s / 2), 205, 450, s, ink);
                c.Arc(new Point2d(cx, y + (h * 0.715)), rx, (h * 0.285) - (s / 2), 270, 515, s, ink);
                break;
            case '5':
                // Flat top bar, a short upright on the left, then a bowl open to the left.
                c.Line(new Point2d(x + (s * 0.55), y + (s / 2)), new Point2d(x + w - (s * 0.25), y + (s / 2)), s, ink);
                c.Line(new Point2d(x + (s * 0.55), y + (s / 2)), new Point2d(x + (s * 0.45), y + (h * 0.47)), s, ink);
                c.Arc(new Point2d(cx, y + (h * 0.655)), rx, (h * 0.345) - (s / 2), 218, 515, s, ink);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(digit), digit, "Road-sign digits are drawn for 0, 3 and 5 only.");
        }
    }
}
