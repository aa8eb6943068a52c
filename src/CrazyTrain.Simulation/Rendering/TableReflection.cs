using CrazyTrain.Simulation.Geometry;
using OpenCvSharp;

namespace CrazyTrain.Simulation.Rendering;

/// <summary>
/// Glossy table tops mirror the room, windows and lamps most strongly near the horizon (grazing angles),
/// blurred by the lacquer's roughness. The camera is centimetres above the table and the room metres away,
/// so the mirror image is the backdrop flipped about the horizon line.
/// </summary>
internal static class TableReflection
{
    public static void Add(PinholeCamera camera, Mat frame, Mat backdrop, double gloss)
    {
        var w = camera.Width;
        var h = camera.Height;
        using var mapX = new Mat(h, w, MatType.CV_32FC1);
        using var mapY = new Mat(h, w, MatType.CV_32FC1);
        var horizon = new double[w];
        for (var u = 0; u < w; u++)
        {
            var z0 = camera.RayZ(u + 0.5, 0);
            var z1 = camera.RayZ(u + 0.5, h);
            horizon[u] = Math.Abs(z1 - z0) < 1e-12 ? -1e6 : -z0 * h / (z1 - z0);
        }

        unsafe
        {
            for (var v = 0; v < h; v++)
            {
                var px = (float*)mapX.Ptr(v);
                var py = (float*)mapY.Ptr(v);
                for (var u = 0; u < w; u++)
                {
                    px[u] = u;
                    py[u] = (float)(2 * horizon[u] - (v + 0.5) - 0.5);
                }
            }
        }

        using var mirrored = new Mat();
        Cv2.Remap(backdrop, mirrored, mapX, mapY, InterpolationFlags.Linear, BorderTypes.Reflect);
        Cv2.GaussianBlur(mirrored, mirrored, new Size(0, 0), h / 120.0);
        var fade = h * 0.12;
        unsafe
        {
            for (var v = 0; v < h; v++)
            {
                var f = (byte*)frame.Ptr(v);
                var m = (byte*)mirrored.Ptr(v);
                for (var u = 0; u < w; u++)
                {
                    var below = v + 0.5 - horizon[u];
                    if (below <= 0) continue;
                    var k = (int)(256 * gloss * Math.Exp(-below / fade));
                    if (k <= 0) continue;
                    var i = u * 3;
                    f[i] = (byte)Math.Min(255, f[i] + ((m[i] * k) >> 8));
                    f[i + 1] = (byte)Math.Min(255, f[i + 1] + ((m[i + 1] * k) >> 8));
                    f[i + 2] = (byte)Math.Min(255, f[i + 2] + ((m[i + 2] * k) >> 8));
                }
            }
        }
    }
}
