using OpenCvSharp;

namespace CrazyTrain.Simulation.Rendering;

/// <summary>Pixel blending the renderer needs, done through pointers (OpenCV has no premultiplied "over").</summary>
internal static unsafe class Compositing
{
    /// <summary>frame = src * a + frame * (1 - a), a = alpha / 255 (straight alpha, same size).</summary>
    public static void BlendByAlpha(Mat frame, Mat src, Mat alpha)
    {
        var rows = frame.Rows;
        var cols = frame.Cols;
        for (var y = 0; y < rows; y++)
        {
            var f = (byte*)frame.Ptr(y);
            var s = (byte*)src.Ptr(y);
            var a = (byte*)alpha.Ptr(y);
            for (var x = 0; x < cols; x++)
            {
                int w = a[x];
                if (w == 0) continue;
                var i = x * 3;
                if (w == 255)
                {
                    f[i] = s[i];
                    f[i + 1] = s[i + 1];
                    f[i + 2] = s[i + 2];
                    continue;
                }

                var inv = 255 - w;
                f[i] = (byte)((s[i] * w + f[i] * inv + 127) / 255);
                f[i + 1] = (byte)((s[i + 1] * w + f[i + 1] * inv + 127) / 255);
                f[i + 2] = (byte)((s[i + 2] * w + f[i + 2] * inv + 127) / 255);
            }
        }
    }

    /// <summary>
    /// Draws a premultiplied BGRA patch over the frame at <paramref name="at"/>, scaling its colour by
    /// <paramref name="gain"/> and adding <paramref name="highlight"/> (a specular sheen) where it is opaque.
    /// Pixels more than half covered take <paramref name="id"/> in the id buffer. Returns that pixel count.
    /// </summary>
    public static int OverPremultiplied(Mat frame, Mat idBuffer, Mat patch, Point at, Scalar gain, Func<int, int, double>? highlight, ushort id)
    {
        var rows = patch.Rows;
        var cols = patch.Cols;
        var frameRows = frame.Rows;
        var frameCols = frame.Cols;
        var count = 0;
        for (var y = 0; y < rows; y++)
        {
            var fy = at.Y + y;
            if (fy < 0 || fy >= frameRows) continue;
            var p = (byte*)patch.Ptr(y);
            var f = (byte*)frame.Ptr(fy);
            var ids = (ushort*)idBuffer.Ptr(fy);
            for (var x = 0; x < cols; x++)
            {
                var fx = at.X + x;
                if (fx < 0 || fx >= frameCols) continue;
                int a = p[x * 4 + 3];
                if (a == 0) continue;
                var inv = (255 - a) / 255.0;
                var sheen = highlight is null ? 0.0 : highlight(x, y) * a;
                var i = fx * 3;
                f[i] = Clamp(p[x * 4] * gain.Val0 + sheen + f[i] * inv);
                f[i + 1] = Clamp(p[x * 4 + 1] * gain.Val1 + sheen + f[i + 1] * inv);
                f[i + 2] = Clamp(p[x * 4 + 2] * gain.Val2 + sheen + f[i + 2] * inv);
                if (a >= 128)
                {
                    ids[fx] = id;
                    count++;
                }
            }
        }

        return count;
    }

    private static byte Clamp(double v) => v <= 0 ? (byte)0 : v >= 255 ? (byte)255 : (byte)(v + 0.5);
}
