using CrazyTrain.Training.Data;
using CrazyTrain.Training.Model;

namespace CrazyTrain.Training.Training;

/// <summary>Writes CenterNet targets for the boxes of one crop (crop pixels) into a batch slot.</summary>
public static class TargetEncoder
{
    /// <summary>Boxes narrower than this (crop pixels) are too small to learn from and are left out.</summary>
    public const float MinimumSide = 3f;

    public static int Encode(TrainingBatch batch, int slot, IEnumerable<LabelledBox> boxes)
    {
        var g = batch.Grid;
        var plane = g * g;
        var stride = (float)DetectorShape.OutputStride;
        var count = 0;
        foreach (var box in boxes)
        {
            if (box.Width < MinimumSide || box.Height < MinimumSide || box.ClassId < 0 || box.ClassId >= batch.Classes)
            {
                continue;
            }

            var cx = (box.X1 + box.X2) / 2 / stride;
            var cy = (box.Y1 + box.Y2) / 2 / stride;
            var ix = (int)Math.Floor(cx);
            var iy = (int)Math.Floor(cy);
            if (ix < 0 || iy < 0 || ix >= g || iy >= g)
            {
                continue;
            }

            var radius = Math.Max(0, (int)GaussianRadius(box.Height / stride, box.Width / stride, 0.7));
            DrawGaussian(batch.Heat.AsSpan(((slot * batch.Classes) + box.ClassId) * plane, plane), g, ix, iy, radius);

            var cell = (iy * g) + ix;
            batch.Offset[(slot * 2 * plane) + cell] = cx - ix;
            batch.Offset[(((slot * 2) + 1) * plane) + cell] = cy - iy;
            batch.LogSize[(slot * 2 * plane) + cell] = MathF.Log(box.Width / stride);
            batch.LogSize[(((slot * 2) + 1) * plane) + cell] = MathF.Log(box.Height / stride);
            batch.Mask[(slot * plane) + cell] = 1f;
            count++;
        }

        return count;
    }

    /// <summary>CenterNet's radius: the largest centre shift that keeps IoU >= <paramref name="minOverlap"/>.</summary>
    public static double GaussianRadius(double h, double w, double minOverlap)
    {
        var b1 = h + w;
        var c1 = w * h * (1 - minOverlap) / (1 + minOverlap);
        var r1 = (b1 + Math.Sqrt((b1 * b1) - (4 * c1))) / 2;
        var b2 = 2 * (h + w);
        var c2 = (1 - minOverlap) * w * h;
        var r2 = (b2 + Math.Sqrt((b2 * b2) - (16 * c2))) / 2;
        var a3 = 4 * minOverlap;
        var b3 = -2 * minOverlap * (h + w);
        var c3 = (minOverlap - 1) * w * h;
        var r3 = (b3 + Math.Sqrt((b3 * b3) - (4 * a3 * c3))) / 2;
        return Math.Min(r1, Math.Min(r2, r3));
    }

    private static void DrawGaussian(Span<float> heat, int g, int cx, int cy, int radius)
    {
        var sigma = ((2 * radius) + 1) / 6.0;
        for (var y = Math.Max(0, cy - radius); y <= Math.Min(g - 1, cy + radius); y++)
        {
            for (var x = Math.Max(0, cx - radius); x <= Math.Min(g - 1, cx + radius); x++)
            {
                var d2 = ((x - cx) * (x - cx)) + ((y - cy) * (y - cy));
                var value = x == cx && y == cy ? 1f : (float)Math.Exp(-d2 / (2 * sigma * sigma));
                var index = (y * g) + x;
                heat[index] = Math.Max(heat[index], value);
            }
        }
    }
}
