using OpenCvSharp;

namespace CrazyTrain.Training.Inference;

/// <summary>Fits a frame into the model input keeping its aspect ratio, centred, padded with a grey value.</summary>
public sealed record Letterbox(double Scale, int PadX, int PadY)
{
    public static Letterbox For(int frameWidth, int frameHeight, int inputWidth, int inputHeight)
    {
        var scale = Math.Min((double)inputWidth / frameWidth, (double)inputHeight / frameHeight);
        var w = (int)Math.Round(frameWidth * scale);
        var h = (int)Math.Round(frameHeight * scale);
        return new Letterbox(scale, (inputWidth - w) / 2, (inputHeight - h) / 2);
    }

    /// <summary>Writes the frame (BGR bytes) as RGB CHW floats p*scale into <paramref name="tensor"/>.</summary>
    public unsafe void Fill(Mat bgr, float[] tensor, int inputWidth, int inputHeight, float pixelScale, byte padValue)
    {
        using var resized = new Mat();
        var source = bgr;
        var w = (int)Math.Round(bgr.Width * Scale);
        var h = (int)Math.Round(bgr.Height * Scale);
        if (w != bgr.Width || h != bgr.Height)
        {
            Cv2.Resize(bgr, resized, new Size(w, h), interpolation: InterpolationFlags.Linear);
            source = resized;
        }

        var plane = inputWidth * inputHeight;
        if (w != inputWidth || h != inputHeight)
        {
            Array.Fill(tensor, padValue * pixelScale, 0, 3 * plane);
        }

        using var continuous = source.IsContinuous() ? null : source.Clone();
        var image = continuous ?? source;
        var data = (byte*)image.Data;
        var step = (int)image.Step();
        for (var y = 0; y < h; y++)
        {
            var row = data + (y * step);
            var offset = ((y + PadY) * inputWidth) + PadX;
            for (var x = 0; x < w; x++)
            {
                var p = row + (x * 3);
                tensor[offset + x] = p[2] * pixelScale;
                tensor[plane + offset + x] = p[1] * pixelScale;
                tensor[(2 * plane) + offset + x] = p[0] * pixelScale;
            }
        }
    }

    public (float X, float Y) ToFrame(float x, float y) => ((float)((x - PadX) / Scale), (float)((y - PadY) / Scale));
}
