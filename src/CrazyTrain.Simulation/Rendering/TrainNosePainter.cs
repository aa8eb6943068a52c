using CrazyTrain.Simulation.Scenes;
using CrazyTrain.Simulation.Signs;
using OpenCvSharp;

namespace CrazyTrain.Simulation.Rendering;

/// <summary>
/// Paints a <see cref="TrainNose"/>: the top of a rounded bonnet rising from the bottom edge, grey bricks with studs
/// beside it, sometimes a black buffer; nearer than the focus, so a little soft, and lit like the rest of the scene.
/// </summary>
internal static class TrainNosePainter
{
    private const double MinHeight = 0.04;
    private const double BrickShare = 0.18;

    private static readonly Scalar[] Paints = [LegoPalette.Bgr(0xBBE90B), LegoPalette.Bgr(0xC2D66A), LegoPalette.Yellow];

    public static void Paint(TrainNose nose, Mat image, Mat ids, int ss, IReadOnlyList<Rect2d> targets, Scalar light)
    {
        var w = image.Cols;
        var h = image.Rows;
        var sigma = Math.Max(0.5, nose.Blur * w);
        var reach = NearLayer.Reach(sigma);
        var cx = nose.Centre * w;
        var half = nose.Width * w / 2;
        var side = nose.GreyBricks ? BrickShare * w : 0;
        var x0 = cx - half - side;
        var x1 = cx + half + side;

        // Lower the nose under any target sign above it rather than cover the sign; drop it when too little is left.
        var height = nose.Height * h;
        foreach (var t in targets)
        {
            if (t.X + t.Width < x0 - reach || t.X > x1 + reach) continue;
            height = Math.Min(height, h - (t.Y + t.Height) - reach);
        }

        if (height < MinHeight * h) return;
        var roi = new Rect(0, 0, w, h) & Rect.FromLTRB((int)Math.Floor(x0 - reach), (int)Math.Floor(h - height - reach), (int)Math.Ceiling(x1 + reach), h);
        if (roi.Width <= 0 || roi.Height <= 0) return;
        using var colour = new Mat(image, roi).Clone();
        using var alpha = new Mat(roi.Size, MatType.CV_8UC1, Scalar.All(0));
        var bottom = (double)roi.Height;
        var top = bottom - height;
        var ox = roi.X;

        void Fill(Point[] pts, Scalar c)
        {
            Cv2.FillConvexPoly(colour, pts, c, LineTypes.AntiAlias);
            Cv2.FillConvexPoly(alpha, pts, Scalar.All(255), LineTypes.AntiAlias);
        }

        void Ellipse(Point centre, Size axes, Scalar c)
        {
            Cv2.Ellipse(colour, centre, axes, 0, 0, 360, c, -1, LineTypes.AntiAlias);
            Cv2.Ellipse(alpha, centre, axes, 0, 0, 360, Scalar.All(255), -1, LineTypes.AntiAlias);
        }

        if (nose.GreyBricks)
        {
            // Grey bricks lower than the bonnet on both sides, studs along their top edge.
            var grey = NearLayer.Lit(nose.Colour == 2 ? LegoPalette.DarkBluishGray : LegoPalette.LightBluishGray, light, 0.85);
            var brickTop = bottom - (height * 0.6);
            var stud = Math.Max(2, w * 0.022);
            foreach (var (a, b) in new[] { (x0, cx - (half * 0.8)), (cx + (half * 0.8), x1) })
            {
                var l = a - ox;
                var r = b - ox;
                Fill([new Point(l, brickTop), new Point(r, brickTop), new Point(r, bottom + 1), new Point(l, bottom + 1)], grey);
                for (var s = l + stud; s < r - stud; s += stud * 2.4)
                {
                    Ellipse(new Point(s, brickTop), new Size(stud * 0.8, stud * 0.35), NearLayer.Lit(grey, Scalar.All(1), 1.12));
                }
            }
        }

        // The bonnet: the top of a wide ellipse whose centre lies below the frame; a lighter sheen near its crown.
        var paint = NearLayer.Lit(Paints[Math.Clamp(nose.Colour, 0, Paints.Length - 1)], light, 0.9);
        var crown = new Point(cx - ox, bottom + (height * 0.6));
        Ellipse(crown, new Size(half, height * 1.6), NearLayer.Lit(paint, Scalar.All(1), 0.8));
        Ellipse(crown, new Size(half * 0.92, height * 1.52), paint);
        Ellipse(new Point(cx - ox - (half * 0.2), top + (height * 0.3)), new Size(half * 0.35, height * 0.12), NearLayer.Lit(paint, Scalar.All(1), 1.25));
        if (nose.Buffer)
        {
            var bw = half * 0.25;
            Fill([new Point(cx - ox - bw, bottom - (height * 0.35)), new Point(cx - ox + bw, bottom - (height * 0.35)), new Point(cx - ox + bw, bottom + 1), new Point(cx - ox - bw, bottom + 1)], NearLayer.Lit(LegoPalette.Black, light, 1));
        }

        Cv2.GaussianBlur(colour, colour, new Size(0, 0), sigma);
        Cv2.GaussianBlur(alpha, alpha, new Size(0, 0), sigma);
        NearLayer.Blend(image, ids, ss, roi, colour, alpha);
    }
}
