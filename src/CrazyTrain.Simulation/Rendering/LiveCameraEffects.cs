using CrazyTrain.Simulation.Scenes;
using OpenCvSharp;

namespace CrazyTrain.Simulation.Rendering;

/// <summary>
/// The webcam's flaws for the live camera, cheaply: the same steps as <see cref="CameraEffectsPipeline"/> in the same
/// order, but blur and softness as one Gaussian on bytes, every per-pixel colour step (gain, contrast, vignette, clip,
/// black level, gamma, tone curve) as one table per vignette level and channel, and sensor noise read at a random offset
/// from noise fields drawn once, so that each frame is one pass over the pixels with no allocation. Effects this path does not model (chromatic aberration, haze, motion
/// blur, sharpening, compression round trips) go through <see cref="CameraEffectsPipeline"/> unchanged.
/// </summary>
internal sealed class LiveCameraEffects
{
    private const int NoiseSide = 1024; // power of two: offsets wrap with a mask
    private const int VignetteLevels = 64;
    private byte[] _vignette = [];
    private (int W, int H) _vignetteSize;
    private float[]? _lumaNoise;
    private float[]? _chromaNoise;
    private readonly float[] _levels = new float[VignetteLevels * 3 * 256];
    private CameraEffects? _levelsFor;

    public static bool Supports(CameraEffects e) =>
        e.ChromaticAberration <= 0.05 && e.MotionBlur < 1.5 && e.Haze <= 0 && e.Sharpen <= 0
        && e.JpegQuality is <= 0 or > 100 && e.WebPQuality is <= 0 or > 100;

    public void Apply(Mat frame, CameraEffects e, ulong seed, RenderProfile? profile = null)
    {
        if (e == CameraEffects.None) return;
        if (!Supports(e))
        {
            CameraEffectsPipeline.Apply(frame, e, seed, profile);
            return;
        }

        var w = frame.Cols;
        var h = frame.Rows;
        // Defocus and the sensor's softness as one Gaussian on bytes: down-and-up resampling at scale r blurs like a
        // Gaussian of variance 0.68 (1/r^2 - 1), calibrated so that the frame's sharpness (Laplacian) matches the
        // float pipeline's at the twin's r = 0.85 with defocus 0.35.
        var variance = (e.Defocus > 0.05 ? e.Defocus * e.Defocus : 0) + (e.Resolution < 0.98 ? 0.68 * ((1 / (e.Resolution * e.Resolution)) - 1) : 0);
        if (variance > 0) Cv2.GaussianBlur(frame, frame, new Size(0, 0), Math.Sqrt(variance));
        profile?.Mark("effects: blur, resolution");
        Vignette(w, h);
        FillLevels(e);
        var (lumaOffset, chromaOffset) = NoiseOffsets(seed);
        // The fields are the same for every renderer (fixed seeds): a frame's noise depends on its own seed alone.
        if (e.Noise > 0) _lumaNoise ??= NoiseField(1, 0x4C554D41);
        if (e.ChromaNoise > 0) _chromaNoise ??= NoiseField(3, 0x4348524F);
        profile?.Mark("effects: tables");
        Pass(frame, e, lumaOffset, chromaOffset);
        profile?.Mark("effects: colour, vignette, noise");
    }

    /// <summary>
    /// One pass: the colour table of the pixel's vignette level, saturation about the pixel's grey, luminance noise
    /// scaled by brightness and blotchy chroma noise, and back to bytes, as the float pipeline does step by step.
    /// </summary>
    private unsafe void Pass(Mat frame, CameraEffects e, (int Row, int Col) lumaOffset, (int Row, int Col) chromaOffset)
    {
        var w = frame.Cols;
        var h = frame.Rows;
        var saturate = Math.Abs(e.Saturation - 1) > 1e-3;
        var s = (float)e.Saturation;
        var luma = e.Noise > 0 ? (float)(e.Noise / 255) : 0;
        var chroma = e.ChromaNoise > 0 ? (float)(e.ChromaNoise / 255) : 0;
        const int mask = NoiseSide - 1;
        fixed (float* levels = _levels, lumaNoise = _lumaNoise ?? [0], chromaNoise = _chromaNoise ?? [0])
        fixed (byte* vignette = _vignette)
        {
            for (var y = 0; y < h; y++)
            {
                var p = (byte*)frame.Ptr(y);
                var v = vignette + (y * w);
                var lumaRow = lumaNoise + (((y + lumaOffset.Row) & mask) * NoiseSide);
                var chromaRow = chromaNoise + (((y + chromaOffset.Row) & mask) * NoiseSide * 3);
                for (var x = 0; x < w; x++, p += 3)
                {
                    var level = levels + (v[x] * 768);
                    var b = level[p[0]];
                    var g = level[256 + p[1]];
                    var r = level[512 + p[2]];
                    if (saturate)
                    {
                        var grey = (0.114f * b) + (0.587f * g) + (0.299f * r);
                        b = MathF.Max(0, grey + (s * (b - grey)));
                        g = MathF.Max(0, grey + (s * (g - grey)));
                        r = MathF.Max(0, grey + (s * (r - grey)));
                    }

                    if (luma > 0)
                    {
                        // Shot noise grows with brightness, read noise is constant: sigma ~ luma * (0.5 + sqrt(level)).
                        var brightness = MathF.Max(0, (0.114f * b) + (0.587f * g) + (0.299f * r));
                        var n = lumaRow[(x + lumaOffset.Col) & mask] * luma * (0.5f + MathF.Sqrt(brightness));
                        b += n;
                        g += n;
                        r += n;
                    }

                    if (chroma > 0)
                    {
                        var c = chromaRow + (((x + chromaOffset.Col) & mask) * 3);
                        b += c[0] * chroma;
                        g += c[1] * chroma;
                        r += c[2] * chroma;
                    }

                    p[0] = ToByte(b);
                    p[1] = ToByte(g);
                    p[2] = ToByte(r);
                }
            }
        }
    }

    private static byte ToByte(float v)
    {
        var scaled = (v * 255) + 0.5f;
        return scaled <= 0 ? (byte)0 : scaled >= 255 ? (byte)255 : (byte)scaled;
    }

    /// <summary>
    /// For each vignette level, channel and byte: gain and contrast, the vignette, the sensor's clip, black level,
    /// gamma and tone curve, as the float pipeline applies them. Kept while the effects stay the same.
    /// </summary>
    private void FillLevels(CameraEffects e)
    {
        if (ReferenceEquals(_levelsFor, e)) return;
        var contrast = Math.Abs(e.Contrast - 1) > 1e-3 ? e.Contrast : 1;
        double[] gains = [e.ColourCast.Val0, e.ColourCast.Val1, e.ColourCast.Val2];
        for (var q = 0; q < VignetteLevels; q++)
        {
            var vignette = 1 - (Math.Max(0, e.Vignette) * q / (VignetteLevels - 1));
            for (var c = 0; c < 3; c++)
            for (var i = 0; i < 256; i++)
            {
                var x = i / 255.0 * e.Exposure * gains[c];
                x = (((x - 0.45) * contrast) + 0.45) * vignette;
                x = Math.Min(1, x);
                if (e.BlackLevel > 0) x = (x - e.BlackLevel) / (1 - e.BlackLevel);
                x = Math.Max(0, x);
                if (Math.Abs(e.Gamma - 1) > 1e-3) x = Math.Pow(x, 1.0 / e.Gamma);
                if (e.ToneCurve > 0)
                {
                    x = Math.Min(1, x);
                    x += e.ToneCurve * ((x * x * (3 - (2 * x))) - x);
                }

                _levels[(q * 768) + (c * 256) + i] = (float)x;
            }
        }

        _levelsFor = e;
    }

    /// <summary>
    /// Each pixel's vignette level: the darkening 1 - strength (dx^2 + dy^2) / 2 is strength times this level's
    /// fraction (64 steps: under half a grey level apart).
    /// </summary>
    private void Vignette(int w, int h)
    {
        if (_vignetteSize == (w, h)) return;
        _vignette = new byte[w * h];
        for (var y = 0; y < h; y++)
        {
            var dy = (y - (h / 2.0)) / (h / 2.0);
            for (var x = 0; x < w; x++)
            {
                var dx = (x - (w / 2.0)) / (w / 2.0);
                _vignette[(y * w) + x] = (byte)Math.Round(Math.Min(1, ((dx * dx) + (dy * dy)) / 2) * (VignetteLevels - 1));
            }
        }

        _vignetteSize = (w, h);
    }

    /// <summary>Where this frame reads the noise fields, from its seed: a new pattern every frame, as a sensor's.</summary>
    private static ((int Row, int Col) Luma, (int Row, int Col) Chroma) NoiseOffsets(ulong seed)
    {
        var mixed = Geometry.DeterministicRandom.DeriveSeed((long)seed, 0x5EED);
        const ulong mask = NoiseSide - 1;
        return (((int)(mixed & mask), (int)((mixed >> 10) & mask)), ((int)((mixed >> 20) & mask), (int)((mixed >> 30) & mask)));
    }

    /// <summary>
    /// A periodic field of unit normal noise: per pixel for luminance (1 channel); for chroma (3 channels) drawn at
    /// half resolution and enlarged, blotchy as a webcam's colour noise is.
    /// </summary>
    private static float[] NoiseField(int channels, ulong seed)
    {
        var rng = new RNG(seed | 1);
        var side = channels == 1 ? NoiseSide : NoiseSide / 2;
        using var field = new Mat(side, side, channels == 1 ? MatType.CV_32FC1 : MatType.CV_32FC3);
        rng.Fill(field, DistributionType.Normal, Scalar.All(0), Scalar.All(1));
        using var full = new Mat();
        // Enlarging a periodic field: pad by wrapping so the seam stays smooth, then crop.
        using var padded = new Mat();
        Cv2.CopyMakeBorder(field, padded, 1, 1, 1, 1, BorderTypes.Wrap);
        Cv2.Resize(padded, full, new Size((side + 2) * NoiseSide / side, (side + 2) * NoiseSide / side), 0, 0, InterpolationFlags.Linear);
        var offset = NoiseSide / side;
        using var cropped = new Mat(full, new Rect(offset, offset, NoiseSide, NoiseSide));
        var values = new float[NoiseSide * NoiseSide * channels];
        using var contiguous = cropped.Clone();
        System.Runtime.InteropServices.Marshal.Copy(contiguous.Data, values, 0, values.Length);
        return values;
    }
}
