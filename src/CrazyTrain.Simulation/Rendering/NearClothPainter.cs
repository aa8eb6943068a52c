using CrazyTrain.Simulation.Geometry;
using CrazyTrain.Simulation.Scenes;
using OpenCvSharp;

namespace CrazyTrain.Simulation.Rendering;

/// <summary>
/// Paints a <see cref="NearCloth"/>: the wax-print design at a huge scale, heavily defocused, filling one side of the
/// frame. It is drawn small and enlarged (it is a blur anyway, so that costs a few milliseconds).
/// </summary>
internal static class NearClothPainter
{
    private const int Shrink = 4;
    private const double MinWidth = 0.08;

    public static void Paint(NearCloth cloth, Mat image, Mat ids, int ss, IReadOnlyList<Rect2d> targets, Scalar light)
    {
        var w = image.Cols;
        var h = image.Rows;
        var sigma = cloth.Blur * w;
        var reach = NearLayer.Reach(sigma) + Shrink;
        var hem = cloth.Bottom >= 1 ? h : cloth.Bottom * h;
        var slant = cloth.Slant * w;

        // Its own side when a target sign leaves it the full width, else whichever side leaves more: the cloth shrinks
        // away from target signs and is dropped when too little of it would be left.
        var own = FreeWidth(cloth.Left, cloth.Width * w, w, hem, slant, reach, targets);
        var other = FreeWidth(!cloth.Left, cloth.Width * w, w, hem, slant, reach, targets);
        var left = own >= other ? cloth.Left : !cloth.Left;
        var width = Math.Max(own, other);
        if (width < MinWidth * w) return;
        Draw(cloth, image, ids, ss, left, width, hem, slant, sigma, reach, light);
    }

    /// <summary>How wide the cloth may be on one side without its blurred edge reaching a target sign above its hem.</summary>
    private static double FreeWidth(bool left, double wanted, int w, double hem, double slant, double reach, IReadOnlyList<Rect2d> targets)
    {
        var width = wanted;
        foreach (var t in targets)
        {
            if (t.Y >= hem + reach) continue;
            var free = left ? t.X : w - (t.X + t.Width);
            width = Math.Min(width, free - reach - (Math.Abs(slant) / 2));
        }

        return width;
    }

    private static void Draw(NearCloth cloth, Mat image, Mat ids, int ss, bool left, double width, double hem, double slant, double sigma, double reach, Scalar light)
    {
        var w = image.Cols;
        var h = image.Rows;
        var regionWidth = Math.Min(w, (int)Math.Ceiling(width + (Math.Abs(slant) / 2) + reach));
        var lw = Math.Max(2, (regionWidth + Shrink - 1) / Shrink);
        var lh = Math.Max(2, (h + Shrink - 1) / Shrink);

        // Drawn as if on the left; the right side is its mirror image.
        using var colour = new Mat(lh, lw, MatType.CV_8UC3);
        var pattern = FabricPattern.Random(new DeterministicRandom(cloth.PatternSeed));
        pattern.Paint(colour, new Rect(0, 0, lw, lh), (int)Math.Round(cloth.PatternScale * w / Shrink));
        Cv2.Multiply(colour, NearLayer.Lit(Scalar.All(1), light, cloth.Brightness), colour);

        using var alpha = new Mat(lh, lw, MatType.CV_8UC1, Scalar.All(0));
        double Edge(double row) => (width + (slant * ((row / h) - 0.5))) / Shrink;
        var hemRow = cloth.Bottom >= 1 ? 2 * lh : hem / Shrink; // full height: no hem inside the frame
        Cv2.FillConvexPoly(alpha, new[]
        {
            new Point(-lw, -lh), new Point(Edge(0), -lh), new Point(Edge(hem), hemRow), new Point(-lw, hemRow),
        }, Scalar.All(255), LineTypes.AntiAlias);

        var low = sigma / Shrink;
        Cv2.GaussianBlur(colour, colour, new Size(0, 0), low);
        Cv2.GaussianBlur(alpha, alpha, new Size(0, 0), low);
        if (!left)
        {
            Cv2.Flip(colour, colour, FlipMode.Y);
            Cv2.Flip(alpha, alpha, FlipMode.Y);
        }

        // Enlarge to exactly the region: the low-resolution layer may overhang by a few pixels, crop it first.
        using var colourBig = new Mat();
        using var alphaBig = new Mat();
        var size = new Size(lw * Shrink, lh * Shrink);
        Cv2.Resize(colour, colourBig, size, 0, 0, InterpolationFlags.Linear);
        Cv2.Resize(alpha, alphaBig, size, 0, 0, InterpolationFlags.Linear);
        var x0 = left ? 0 : size.Width - regionWidth;
        var crop = new Rect(x0, 0, regionWidth, h);
        using var colourRoi = new Mat(colourBig, crop);
        using var alphaRoi = new Mat(alphaBig, crop);
        NearLayer.Blend(image, ids, ss, new Rect(left ? 0 : w - regionWidth, 0, regionWidth, h), colourRoi, alphaRoi);
    }
}
