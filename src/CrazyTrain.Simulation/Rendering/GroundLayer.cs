using CrazyTrain.Simulation.Geometry;
using CrazyTrain.Simulation.Scenes;
using OpenCvSharp;

namespace CrazyTrain.Simulation.Rendering;

/// <summary>
/// A top-down picture of part of the table (finish and track) at a fixed resolution, later projected into the
/// frame by the table-plane homography. Pixel (i, j) centre is world (X0 + (i + 0.5) r, Y0 + (j + 0.5) r).
/// </summary>
internal sealed class GroundLayer : IDisposable
{
    private GroundLayer(Mat image, Mat alpha, double x0, double y0, double resolution)
    {
        Image = image;
        Alpha = alpha;
        X0 = x0;
        Y0 = y0;
        Resolution = resolution;
    }

    public Mat Image { get; }
    public Mat Alpha { get; }
    public double X0 { get; }
    public double Y0 { get; }
    public double Resolution { get; }

    public void Dispose()
    {
        Image.Dispose();
        Alpha.Dispose();
    }

    /// <summary>Paints the table inside [min, max] (world metres) at <paramref name="resolution"/> m/px.</summary>
    public static GroundLayer? Paint(Scene scene, Vec2 min, Vec2 max, double resolution)
    {
        var table = scene.Table;
        var lo = new Vec2(Math.Max(min.X, table.Min.X), Math.Max(min.Y, table.Min.Y));
        var hi = new Vec2(Math.Min(max.X, table.Max.X), Math.Min(max.Y, table.Max.Y));
        if (hi.X - lo.X < resolution * 2 || hi.Y - lo.Y < resolution * 2) return null; // no table in view
        var w = Math.Max(2, (int)Math.Ceiling((hi.X - lo.X) / resolution));
        var h = Math.Max(2, (int)Math.Ceiling((hi.Y - lo.Y) / resolution));
        var image = new Mat(h, w, MatType.CV_8UC3);
        var alpha = new Mat(h, w, MatType.CV_8UC1, Scalar.All(255));

        // Table finish: the seamless tile, scaled and offset so that it is fixed to the table.
        using var tile = TableMaterials.Tile(table);
        var k = resolution / TableMaterials.MetresPerPixel;
        var tx = (lo.X - table.Min.X) / TableMaterials.MetresPerPixel + 0.5 * k - 0.5;
        var ty = (lo.Y - table.Min.Y) / TableMaterials.MetresPerPixel + 0.5 * k - 0.5;
        using var m = new Mat(2, 3, MatType.CV_64FC1);
        m.Set(0, 0, k); m.Set(0, 1, 0.0); m.Set(0, 2, tx);
        m.Set(1, 0, 0.0); m.Set(1, 1, k); m.Set(1, 2, ty);
        Cv2.WarpAffine(tile, image, m, new Size(w, h), InterpolationFlags.Linear | InterpolationFlags.WarpInverseMap, BorderTypes.Wrap);

        var layer = new GroundLayer(image, alpha, lo.X, lo.Y, resolution);
        foreach (var track in scene.Tracks)
        {
            TrackPainter.Paint(layer, track, scene.TrackLook);
        }

        return layer;
    }

    /// <summary>Layer pixel coordinates (OpenCV, centre-based) of a world point.</summary>
    public Point2d ToPixel(Vec2 world) => new((world.X - X0) / Resolution - 0.5, (world.Y - Y0) / Resolution - 0.5);

    /// <summary>
    /// Projects the layer into <paramref name="frame"/> (same size as the camera), writing only where the
    /// table plane is in front of the camera and the layer has content, in rows [firstRow, endRow).
    /// </summary>
    public void ProjectInto(PinholeCamera camera, Mat frame, Mat groundMask, int firstRow = 0, int? endRow = null)
    {
        firstRow = Math.Clamp(firstRow, 0, camera.Height);
        var end = Math.Clamp(endRow ?? camera.Height, firstRow, camera.Height);
        if (firstRow >= end) return;
        var hImg = camera.TablePlaneHomography();
        // Layer index -> world: X = X0 + (i + 0.5) r; image continuous -> OpenCV index: minus 0.5; only the
        // rows from firstRow down are warped (the near layer never reaches the horizon).
        double[] s = [Resolution, 0, X0 + 0.5 * Resolution, 0, Resolution, Y0 + 0.5 * Resolution, 0, 0, 1];
        var hs = Multiply(hImg, s);
        double[] t = [1, 0, -0.5, 0, 1, -0.5 - firstRow, 0, 0, 1];
        var full = Multiply(t, hs);
        using var m = new Mat(3, 3, MatType.CV_64FC1);
        for (var i = 0; i < 9; i++) m.Set(i / 3, i % 3, full[i]);

        var band = new Rect(0, firstRow, camera.Width, end - firstRow);
        using var warped = new Mat();
        using var warpedAlpha = new Mat();
        Cv2.WarpPerspective(Image, warped, m, band.Size, InterpolationFlags.Linear, BorderTypes.Replicate);
        Cv2.WarpPerspective(Alpha, warpedAlpha, m, band.Size, InterpolationFlags.Linear, BorderTypes.Constant, Scalar.All(0));
        // Rows above the horizon map to points behind the camera: keep only the table side of the horizon.
        using var maskBand = new Mat(groundMask, band);
        Cv2.BitwiseAnd(warpedAlpha, maskBand, warpedAlpha);
        using var frameBand = new Mat(frame, band);
        Compositing.BlendByAlpha(frameBand, warped, warpedAlpha);
    }

    private static double[] Multiply(double[] a, double[] b)
    {
        var r = new double[9];
        for (var i = 0; i < 3; i++)
        for (var j = 0; j < 3; j++)
        {
            double sum = 0;
            for (var k = 0; k < 3; k++) sum += a[i * 3 + k] * b[k * 3 + j];
            r[i * 3 + j] = sum;
        }

        return r;
    }
}
