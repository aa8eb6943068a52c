using CrazyTrain.Simulation.Geometry;
using CrazyTrain.Simulation.Scenes;
using OpenCvSharp;

namespace CrazyTrain.Simulation.Rendering;

/// <summary>A plain sheet behind a close-up: a soft vertical gradient with a little cloth or card texture.</summary>
internal static class PlainBackdropPainter
{
    public static void Paint(Mat target, PlainBackdrop plain)
    {
        var h = target.Rows;
        var w = target.Cols;
        using var column = new Mat(h, 1, MatType.CV_8UC3);
        for (var y = 0; y < h; y++)
        {
            var t = y / (double)(h - 1);
            column.Set(y, 0, new Vec3b(
                (byte)(plain.Top.Val0 + (plain.Bottom.Val0 - plain.Top.Val0) * t),
                (byte)(plain.Top.Val1 + (plain.Bottom.Val1 - plain.Top.Val1) * t),
                (byte)(plain.Top.Val2 + (plain.Bottom.Val2 - plain.Top.Val2) * t)));
        }

        Cv2.Resize(column, target, new Size(w, h), 0, 0, InterpolationFlags.Linear);
        if (plain.Texture <= 0) return;
        var rng = new DeterministicRandom(plain.Seed);
        using var noise = new Mat(h / 4, w / 4, MatType.CV_32FC1);
        var cvRng = new RNG(rng.NextUInt64() | 1);
        cvRng.Fill(noise, DistributionType.Normal, Scalar.All(0), Scalar.All(plain.Texture * 255));
        using var big = new Mat();
        Cv2.Resize(noise, big, new Size(w, h), 0, 0, InterpolationFlags.Cubic);
        using var big3 = new Mat();
        Cv2.Merge([big, big, big], big3);
        using var f = new Mat();
        target.ConvertTo(f, MatType.CV_32FC3);
        Cv2.Add(f, big3, f);
        f.ConvertTo(target, MatType.CV_8UC3);
    }
}
