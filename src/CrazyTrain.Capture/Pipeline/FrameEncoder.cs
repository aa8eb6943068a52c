using OpenCvSharp;

namespace CrazyTrain.Capture.Pipeline;

/// <summary>JPEG encoding, scaling frames down (aspect kept) when they exceed the configured size.</summary>
internal static class FrameEncoder
{
    public static (byte[] Jpeg, int Width, int Height) Encode(Mat frame, int maxWidth, int maxHeight, int quality)
    {
        if (frame.Empty())
        {
            throw new ArgumentException("The frame is empty.", nameof(frame));
        }

        var scale = Math.Min(1.0, Math.Min(maxWidth / (double)frame.Width, maxHeight / (double)frame.Height));
        if (scale >= 1.0)
        {
            return (EncodeJpeg(frame, quality), frame.Width, frame.Height);
        }

        var size = new Size(Math.Max(1, (int)Math.Round(frame.Width * scale)), Math.Max(1, (int)Math.Round(frame.Height * scale)));
        using var scaled = new Mat();
        Cv2.Resize(frame, scaled, size, interpolation: InterpolationFlags.Area);
        return (EncodeJpeg(scaled, quality), size.Width, size.Height);
    }

    private static byte[] EncodeJpeg(Mat frame, int quality)
    {
        Cv2.ImEncode(".jpg", frame, out var jpeg, new ImageEncodingParam(ImwriteFlags.JpegQuality, quality));
        if (jpeg.Length == 0)
        {
            throw new InvalidOperationException($"OpenCV produced no JPEG for a {frame.Width}x{frame.Height} {frame.Type()} frame.");
        }

        return jpeg;
    }
}
