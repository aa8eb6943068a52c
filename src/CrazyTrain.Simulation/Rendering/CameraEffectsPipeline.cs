using CrazyTrain.Simulation.Scenes;
using OpenCvSharp;

namespace CrazyTrain.Simulation.Rendering;

/// <summary>
/// The webcam between light and file: chromatic aberration, exposure and white-balance error (gains past 1 blow
/// out highlights as in a real frame), haze, contrast, black level and tone curve, saturation, vignetting, defocus,
/// motion blur, limited resolution, sharpening halos, sensor noise and JPEG or WebP compression.
/// Deterministic: noise comes from OpenCV's RNG seeded by the scene.
/// </summary>
internal static class CameraEffectsPipeline
{
    public static void Apply(Mat frame, CameraEffects e, ulong seed, RenderProfile? profile = null)
    {
        if (e == CameraEffects.None) return;
        var w = frame.Cols;
        var h = frame.Rows;
        using var f = new Mat();
        frame.ConvertTo(f, MatType.CV_32FC3, 1.0 / 255);
        profile?.Mark("effects: to float");

        // Optics first (they act on light), then the sensor.
        if (e.ChromaticAberration > 0.05) ChromaticAberration(f, e.ChromaticAberration);
        if (e.Defocus > 0.05) Cv2.GaussianBlur(f, f, new Size(0, 0), e.Defocus);
        if (e.MotionBlur >= 1.5) MotionBlur(f, e.MotionBlur, e.MotionAngle);
        if (e.Resolution < 0.98)
        {
            using var small = new Mat();
            Cv2.Resize(f, small, new Size(Math.Max(8, (int)(w * e.Resolution)), Math.Max(8, (int)(h * e.Resolution))), 0, 0, InterpolationFlags.Area);
            Cv2.Resize(small, f, new Size(w, h), 0, 0, InterpolationFlags.Linear);
        }

        profile?.Mark("effects: blur, resolution");

        if (e.Haze > 0)
        {
            // Haze is stronger towards the horizon (far things) than at the bottom (the near track).
            using var amount = VerticalRamp(w, h, e.Haze * 0.6, e.Haze, 0.55);
            using var haze = new Mat(h, w, MatType.CV_32FC3, new Scalar(e.HazeColour.Val0 / 255, e.HazeColour.Val1 / 255, e.HazeColour.Val2 / 255));
            Blend(f, haze, amount);
        }

        Cv2.Multiply(f, new Scalar(e.Exposure * e.ColourCast.Val0, e.Exposure * e.ColourCast.Val1, e.Exposure * e.ColourCast.Val2), f);
        if (Math.Abs(e.Contrast - 1) > 1e-3)
        {
            Cv2.Subtract(f, Scalar.All(0.45), f);
            Cv2.Multiply(f, Scalar.All(e.Contrast), f);
            Cv2.Add(f, Scalar.All(0.45), f);
        }

        profile?.Mark("effects: colour");
        if (e.Vignette > 0) Vignette(f, e.Vignette);
        profile?.Mark("effects: vignette");

        // The sensor clips: what the gains pushed past full scale is white, the way windows blow out.
        Cv2.Min(f, Scalar.All(1), f);
        if (e.BlackLevel > 0)
        {
            Cv2.Subtract(f, Scalar.All(e.BlackLevel), f);
            Cv2.Multiply(f, Scalar.All(1 / (1 - e.BlackLevel)), f);
        }

        Cv2.Max(f, Scalar.All(0), f);
        if (Math.Abs(e.Gamma - 1) > 1e-3) Cv2.Pow(f, 1.0 / e.Gamma, f);
        if (e.ToneCurve > 0) ToneCurve(f, e.ToneCurve);
        if (Math.Abs(e.Saturation - 1) > 1e-3) Saturate(f, e.Saturation);

        if (e.Sharpen > 0)
        {
            using var blur = new Mat();
            Cv2.GaussianBlur(f, blur, new Size(0, 0), 1.2);
            Cv2.AddWeighted(f, 1 + e.Sharpen, blur, -e.Sharpen, 0, f);
        }

        profile?.Mark("effects: colour");
        if (e.Noise > 0 || e.ChromaNoise > 0) AddNoise(f, e.Noise / 255, e.ChromaNoise / 255, seed);
        profile?.Mark("effects: noise");
        f.ConvertTo(frame, MatType.CV_8UC3, 255);
        profile?.Mark("effects: to bytes");

        if (e.JpegQuality is > 0 and <= 100) RoundTrip(frame, ".jpg", new ImageEncodingParam(ImwriteFlags.JpegQuality, e.JpegQuality));
        if (e.WebPQuality is > 0 and <= 100) RoundTrip(frame, ".webp", new ImageEncodingParam(ImwriteFlags.WebPQuality, e.WebPQuality));
    }

    private static void RoundTrip(Mat frame, string extension, ImageEncodingParam quality)
    {
        Cv2.ImEncode(extension, frame, out var bytes, quality);
        using var decoded = Cv2.ImDecode(bytes, ImreadModes.Color);
        decoded.CopyTo(frame);
    }

    /// <summary>y = x + k (smoothstep(x) - x): steeper mid-tones, darker shadows, brighter highlights.</summary>
    private static void ToneCurve(Mat f, double k)
    {
        Cv2.Min(f, Scalar.All(1), f);
        using var smooth = new Mat();
        Cv2.Multiply(f, f, smooth);
        using var cubic = new Mat();
        Cv2.Multiply(smooth, f, cubic);
        // smoothstep = 3x^2 - 2x^3
        Cv2.AddWeighted(smooth, 3, cubic, -2, 0, smooth);
        Cv2.AddWeighted(f, 1 - k, smooth, k, 0, f);
    }

    /// <summary>Moves each pixel away from (s &gt; 1) or towards (s &lt; 1) its own grey.</summary>
    private static void Saturate(Mat f, double s)
    {
        using var grey = new Mat();
        Cv2.CvtColor(f, grey, ColorConversionCodes.BGR2GRAY);
        using var grey3 = new Mat();
        Cv2.Merge([grey, grey, grey], grey3);
        Cv2.AddWeighted(f, s, grey3, 1 - s, 0, f);
        Cv2.Max(f, Scalar.All(0), f);
    }

    /// <summary>Red and blue magnified slightly differently about the centre, as a cheap lens does.</summary>
    private static void ChromaticAberration(Mat f, double pixels)
    {
        var w = f.Cols;
        var h = f.Rows;
        var corner = Math.Sqrt((w * w / 4.0) + (h * h / 4.0));
        var channels = f.Split();
        try
        {
            for (var i = 0; i < 3; i += 2)
            {
                // Blue (0) shrinks, red (2) grows: a shift of `pixels` at the corner, none at the centre.
                var scale = 1 + ((i == 0 ? -1 : 1) * pixels / 2 / corner);
                using var m = new Mat(2, 3, MatType.CV_64FC1);
                m.Set(0, 0, scale);
                m.Set(0, 1, 0.0);
                m.Set(0, 2, (1 - scale) * w / 2);
                m.Set(1, 0, 0.0);
                m.Set(1, 1, scale);
                m.Set(1, 2, (1 - scale) * h / 2);
                Cv2.WarpAffine(channels[i], channels[i], m, new Size(w, h), InterpolationFlags.Linear, BorderTypes.Reflect);
            }

            Cv2.Merge(channels, f);
        }
        finally
        {
            foreach (var c in channels) c.Dispose();
        }
    }

    private static void MotionBlur(Mat f, double length, double angle)
    {
        var size = (int)Math.Ceiling(length) | 1;
        using var kernel = new Mat(size, size, MatType.CV_32FC1, Scalar.All(0));
        var c = size / 2.0;
        var (s, co) = Math.SinCos(angle);
        Cv2.Line(kernel, new Point(c - co * length / 2, c - s * length / 2), new Point(c + co * length / 2, c + s * length / 2), Scalar.All(1), 1, LineTypes.AntiAlias);
        var sum = Cv2.Sum(kernel).Val0;
        if (sum <= 0) return;
        Cv2.Divide(kernel, Scalar.All(sum), kernel);
        Cv2.Filter2D(f, f, -1, kernel, borderType: BorderTypes.Reflect);
    }

    private static Mat VerticalRamp(int w, int h, double bottom, double top, double horizonFraction)
    {
        var ramp = new Mat(h, 1, MatType.CV_32FC1);
        for (var y = 0; y < h; y++)
        {
            var t = y / (double)h;
            var v = t < horizonFraction ? top : top + (bottom - top) * (t - horizonFraction) / (1 - horizonFraction);
            ramp.Set(y, 0, (float)v);
        }

        var full = new Mat();
        Cv2.Resize(ramp, full, new Size(w, h), 0, 0, InterpolationFlags.Nearest);
        ramp.Dispose();
        return full;
    }

    private static void Blend(Mat f, Mat target, Mat amount)
    {
        using var a3 = new Mat();
        Cv2.Merge([amount, amount, amount], a3);
        using var diff = new Mat();
        Cv2.Subtract(target, f, diff);
        Cv2.Multiply(diff, a3, diff);
        Cv2.Add(f, diff, f);
    }

    private static void Vignette(Mat f, double strength)
    {
        var w = f.Cols;
        var h = f.Rows;
        using var mask = new Mat(h, w, MatType.CV_32FC3);
        unsafe
        {
            for (var y = 0; y < h; y++)
            {
                var p = (float*)mask.Ptr(y);
                var dy = (y - h / 2.0) / (h / 2.0);
                for (var x = 0; x < w; x++)
                {
                    var dx = (x - w / 2.0) / (w / 2.0);
                    var g = (float)(1 - strength * (dx * dx + dy * dy) / 2);
                    p[x * 3] = g;
                    p[x * 3 + 1] = g;
                    p[x * 3 + 2] = g;
                }
            }
        }

        Cv2.Multiply(f, mask, f);
    }

    private static void AddNoise(Mat f, double luma, double chroma, ulong seed)
    {
        var rng = new RNG(seed | 1);
        var w = f.Cols;
        var h = f.Rows;
        if (luma > 0)
        {
            // Shot noise grows with brightness, read noise is constant: sigma ~ luma * (0.5 + sqrt(level)).
            using var n = new Mat(h, w, MatType.CV_32FC1);
            rng.Fill(n, DistributionType.Normal, Scalar.All(0), Scalar.All(luma));
            using var level = new Mat();
            Cv2.CvtColor(f, level, ColorConversionCodes.BGR2GRAY);
            Cv2.Max(level, Scalar.All(0), level);
            Cv2.Sqrt(level, level);
            Cv2.Add(level, Scalar.All(0.5), level);
            Cv2.Multiply(n, level, n);
            using var n3 = new Mat();
            Cv2.Merge([n, n, n], n3);
            Cv2.Add(f, n3, f);
        }

        if (chroma > 0)
        {
            // Webcam chroma noise is blotchy, not per-pixel: draw it at half resolution and enlarge.
            using var c = new Mat(h / 2, w / 2, MatType.CV_32FC3);
            rng.Fill(c, DistributionType.Normal, Scalar.All(0), Scalar.All(chroma));
            using var big = new Mat();
            Cv2.Resize(c, big, new Size(w, h), 0, 0, InterpolationFlags.Linear);
            Cv2.Add(f, big, f);
        }
    }
}
