using OpenCvSharp;

namespace CrazyTrain.Training.Model;

/// <summary>
/// The picture the <see cref="SignReader"/> reads: a detection's box grown by <see cref="Context"/> around its
/// centre, resampled to <see cref="Size"/> x <see cref="Size"/> exactly as ONNX RoiAlign does it (mode avg,
/// half_pixel coordinates, <see cref="SamplingRatio"/> x <see cref="SamplingRatio"/> bilinear samples per output pixel,
/// samples more than a pixel outside the image count as 0). Training crops cut here therefore equal the crops the
/// exported graph cuts at run time, pixel for pixel.
/// </summary>
internal static class SignCrop
{
    public const int Size = 32;

    public const int SamplingRatio = 1;

    /// <summary>
    /// Margin around the box, as a factor of its width and height: the rim and a little background, so a box that is
    /// a few pixels off still holds the whole sign.
    /// </summary>
    public const float Context = 1.25f;

    /// <summary>
    /// The crop region of a box (both xyxy). It is linear in the corners (x1' = a x1 + b x2), which lets the graph
    /// compute it with one MatMul by <see cref="RegionMatrix"/>.
    /// </summary>
    public static (float X1, float Y1, float X2, float Y2) Region(float x1, float y1, float x2, float y2)
    {
        const float a = (1 + Context) / 2;
        const float b = (1 - Context) / 2;
        return ((a * x1) + (b * x2), (a * y1) + (b * y2), (a * x2) + (b * x1), (a * y2) + (b * y1));
    }

    /// <summary>Row-major [4,4] matrix M with region = box · M for a row vector box = (x1, y1, x2, y2).</summary>
    public static float[] RegionMatrix()
    {
        const float a = (1 + Context) / 2;
        const float b = (1 - Context) / 2;
        return
        [
            a, 0, b, 0,
            0, a, 0, b,
            b, 0, a, 0,
            0, b, 0, a,
        ];
    }

    /// <summary>Cuts the region out of planar float RGB [3,H,W] (the model's input tensor) into destination [3,Size,Size].</summary>
    public static void Cut(float[] planes, int width, int height, (float X1, float Y1, float X2, float Y2) region, Span<float> destination) =>
        Cut(new FloatPlanes(planes, width * height, width), width, height, region, destination);

    /// <summary>
    /// Cuts the region out of an 8-bit BGR frame into destination [3,Size,Size] as RGB scaled by 1/255 and by a gain
    /// per channel (colour augmentation in training; 1 for none): what the float overload gives on the frame's input tensor.
    /// </summary>
    public static void Cut(Mat bgr, (float X1, float Y1, float X2, float Y2) region, float[] gains, Span<float> destination)
    {
        if (bgr.Type() != MatType.CV_8UC3 || !bgr.IsContinuous())
        {
            throw new ArgumentException("Expected a continuous 8-bit BGR frame.", nameof(bgr));
        }

        Cut(new BgrPixels(bgr.Data, bgr.Step(), gains), bgr.Width, bgr.Height, region, destination);
    }

    private static void Cut<TPixels>(TPixels pixels, int width, int height, (float X1, float Y1, float X2, float Y2) region, Span<float> destination)
        where TPixels : struct, IPixels
    {
        if (destination.Length != 3 * Size * Size)
        {
            throw new ArgumentException($"The destination must hold 3x{Size}x{Size} values.", nameof(destination));
        }

        var xs = Taps(region.X1, region.X2, width);
        var ys = Taps(region.Y1, region.Y2, height);
        const float count = SamplingRatio * SamplingRatio;
        for (var c = 0; c < 3; c++)
        {
            for (var py = 0; py < Size; py++)
            {
                for (var px = 0; px < Size; px++)
                {
                    var sum = 0f;
                    for (var iy = 0; iy < SamplingRatio; iy++)
                    {
                        var ty = ys[(py * SamplingRatio) + iy];
                        for (var ix = 0; ix < SamplingRatio; ix++)
                        {
                            var tx = xs[(px * SamplingRatio) + ix];
                            if (ty.Inside && tx.Inside)
                            {
                                sum += (ty.WeightLow * tx.WeightLow * pixels.At(c, ty.Low, tx.Low))
                                    + (ty.WeightLow * tx.WeightHigh * pixels.At(c, ty.Low, tx.High))
                                    + (ty.WeightHigh * tx.WeightLow * pixels.At(c, ty.High, tx.Low))
                                    + (ty.WeightHigh * tx.WeightHigh * pixels.At(c, ty.High, tx.High));
                            }
                        }
                    }

                    destination[(((c * Size) + py) * Size) + px] = sum / count;
                }
            }
        }
    }

    /// <summary>
    /// Bilinear taps along one axis, one per sample (output pixel x sample): the arithmetic of onnxruntime's RoiAlign,
    /// including its edge rules.
    /// </summary>
    private static Tap[] Taps(float start, float end, int length)
    {
        start -= 0.5f;
        end -= 0.5f;
        var bin = (end - start) / Size;
        var taps = new Tap[Size * SamplingRatio];
        for (var p = 0; p < Size; p++)
        {
            for (var i = 0; i < SamplingRatio; i++)
            {
                var v = start + (p * bin) + ((i + 0.5f) * bin / SamplingRatio);
                if (v < -1f || v > length)
                {
                    taps[(p * SamplingRatio) + i] = default;
                    continue;
                }

                v = Math.Max(v, 0f);
                var low = (int)v;
                int high;
                if (low >= length - 1)
                {
                    high = low = length - 1;
                    v = low;
                }
                else
                {
                    high = low + 1;
                }

                var fraction = v - low;
                taps[(p * SamplingRatio) + i] = new Tap(true, low, high, 1 - fraction, fraction);
            }
        }

        return taps;
    }

    private readonly record struct Tap(bool Inside, int Low, int High, float WeightLow, float WeightHigh);

    private interface IPixels
    {
        float At(int channel, int y, int x);
    }

    private readonly struct FloatPlanes(float[] planes, int plane, int width) : IPixels
    {
        public float At(int channel, int y, int x) => planes[(channel * plane) + (y * width) + x];
    }

    /// <summary>RGB channel c of an 8-bit BGR frame, scaled by 1/255 and its gain.</summary>
    private readonly unsafe struct BgrPixels(IntPtr data, long step, float[] gains) : IPixels
    {
        public float At(int channel, int y, int x) =>
            ((byte*)data)[(y * step) + (x * 3) + (2 - channel)] * gains[channel] / 255f;
    }
}
