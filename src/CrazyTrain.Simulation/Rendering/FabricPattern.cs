using CrazyTrain.Simulation.Geometry;
using CrazyTrain.Simulation.Signs;
using OpenCvSharp;

namespace CrazyTrain.Simulation.Rendering;

/// <summary>
/// A wax-print cloth's design: a ground colour and a repeating, jittered grid of discs, rings, triangles, stripes
/// and dots in yellow, blue, red, orange and black, with soft fold bands. Real rooms beside a LEGO table have such
/// fabric, on the walls and right in front of the train's camera, and a detector that never saw it took its yellow
/// and red shapes for danger signs. The room's wall hangings and the near-camera cloth both paint it from here.
/// </summary>
internal sealed record FabricPattern(Scalar Ground, Scalar[] Inks, int Motif, double Cell, ulong Jitter)
{
    private static readonly Scalar[] Colours =
    [
        LegoPalette.Yellow, LegoPalette.Red, LegoPalette.Blue, LegoPalette.Black, LegoPalette.White,
        new(20, 120, 240), new(40, 170, 60), new(120, 30, 140), new(10, 200, 250),
    ];

    /// <summary>A random design; <see cref="Cell"/> is the motif spacing in metres of cloth (0.06-0.2).</summary>
    public static FabricPattern Random(DeterministicRandom rng)
    {
        var ground = rng.Pick(Colours);
        var inks = Enumerable.Range(0, 3).Select(_ => rng.Pick(Colours)).ToArray();
        var motif = rng.Next(0, 5);
        var cell = rng.Range(0.06, 0.2);
        return new FabricPattern(ground, inks, motif, cell, rng.NextUInt64());
    }

    /// <summary>Paints the cloth over <paramref name="rect"/> of <paramref name="image"/>, one motif every <paramref name="step"/> pixels.</summary>
    public void Paint(Mat image, Rect rect, int step)
    {
        if (rect.Width <= 0 || rect.Height <= 0) return;
        step = Math.Max(3, step);
        var bounds = rect & new Rect(0, 0, image.Cols, image.Rows);
        if (bounds.Width <= 0 || bounds.Height <= 0) return;
        using (var roi = new Mat(image, bounds)) roi.SetTo(Ground);
        var local = new DeterministicRandom(Jitter);
        for (var y = rect.Top; y < rect.Bottom + step; y += step)
        {
            for (var x = rect.Left + ((y / step % 2) * step / 2); x < rect.Right + step; x += step)
            {
                var centre = new Point(x, y);
                var r = Math.Max(1, (int)(step * local.Range(0.25, 0.48)));
                var ink = Inks[local.Next(0, Inks.Length)];
                switch ((Motif + local.Next(0, 2)) % 5)
                {
                    case 0: Cv2.Circle(image, centre, r, ink, -1, LineTypes.AntiAlias); break;
                    case 1:
                        Cv2.Circle(image, centre, r, ink, Math.Max(1, r / 3), LineTypes.AntiAlias);
                        Cv2.Circle(image, centre, Math.Max(1, r / 3), Inks[0], -1, LineTypes.AntiAlias);
                        break;
                    case 2:
                        Cv2.FillConvexPoly(image, new[] { new Point(x, y - r), new Point(x + r, y + (r * 0.8)), new Point(x - r, y + (r * 0.8)) }, ink, LineTypes.AntiAlias);
                        break;
                    case 3: Cv2.Rectangle(image, new Rect(x - r, y - (r / 4), 2 * r, Math.Max(1, r / 2)), ink, -1); break;
                    default:
                        for (var d = 0; d < 4; d++) Cv2.Circle(image, new Point(x + local.Range(-r, r), y + local.Range(-r, r)), Math.Max(1, r / 4), ink, -1, LineTypes.AntiAlias);
                        break;
                }
            }
        }

        // Folds: soft darker bands across the cloth.
        for (var f = 0; f < 3; f++)
        {
            var fx = rect.Left + (int)(local.NextDouble() * rect.Width);
            var fold = new Rect(fx, rect.Top, step, rect.Height) & bounds;
            if (fold.Width <= 0 || fold.Height <= 0) continue;
            using var band = new Mat(image, fold);
            Cv2.Multiply(band, Scalar.All(0.7), band);
        }
    }
}
