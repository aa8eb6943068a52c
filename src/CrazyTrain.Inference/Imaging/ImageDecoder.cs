using OpenCvSharp;

namespace CrazyTrain.Inference.Imaging;

/// <summary>Turns encoded bytes into a BGR 8-bit image with OpenCV, or says precisely why it cannot.</summary>
public static class ImageDecoder
{
    /// <param name="data">The encoded image.</param>
    /// <param name="strict">
    /// Live frames and API calls (true) accept JPEG and PNG only and name a cut-off JPEG as truncated;
    /// offline batches (false) also read BMP.
    /// </param>
    public static Mat Decode(ReadOnlySpan<byte> data, bool strict)
    {
        if (data.IsEmpty)
        {
            throw new ImageRejectedException(ImageRejectedException.Empty, "The image is empty (0 bytes).");
        }

        var format = ImageFormatSniffer.Sniff(data);
        if (format == ImageFormat.Unknown || (strict && format == ImageFormat.Bmp))
        {
            var head = Convert.ToHexString(data[..Math.Min(8, data.Length)]);
            throw new ImageRejectedException(
                ImageRejectedException.UnsupportedFormat,
                $"The data is not a JPEG or PNG image (first bytes {head}).");
        }

        if (strict && format == ImageFormat.Jpeg && !ImageFormatSniffer.HasJpegEnd(data))
        {
            throw new ImageRejectedException(
                ImageRejectedException.Truncated,
                $"The JPEG is truncated: no end-of-image marker in its {data.Length} bytes.");
        }

        Mat image;
        try
        {
            // Colour mode: grey, 16-bit and alpha images all arrive as 8-bit BGR; EXIF orientation is applied.
            image = Cv2.ImDecode(data, ImreadModes.Color);
        }
        catch (OpenCVException ex)
        {
            throw new ImageRejectedException(ImageRejectedException.Corrupt, $"The {format} image is corrupt: {ex.Message}");
        }

        if (image.Empty() || image.Width <= 0 || image.Height <= 0)
        {
            image.Dispose();
            throw new ImageRejectedException(
                ImageRejectedException.Corrupt,
                $"The {format} image is corrupt or truncated: OpenCV could not decode its {data.Length} bytes.");
        }

        return image;
    }
}
