using OpenCvSharp;

namespace CrazyTrain.Inference.Imaging;

/// <summary>Turns encoded bytes into a BGR 8-bit image with OpenCV, or says precisely why it cannot.</summary>
public static class ImageDecoder
{
    /// <param name="data">The encoded image.</param>
    /// <param name="strict">
    /// Live frames and API calls (true) name a cut-off JPEG as truncated; offline batches (false) leave that to
    /// OpenCV. Both read every format OpenCV reads (JPEG, PNG, WebP, BMP, TIFF, ...), judged by content: camera
    /// folders hold WebP files named <c>.jpg</c>.
    /// </param>
    public static Mat Decode(ReadOnlySpan<byte> data, bool strict)
    {
        if (data.IsEmpty)
        {
            throw new ImageRejectedException(ImageRejectedException.Empty, "The image is empty (0 bytes).");
        }

        var format = ImageFormatSniffer.Sniff(data);

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
        catch (OpenCVException ex) when (format != ImageFormat.Unknown)
        {
            throw new ImageRejectedException(ImageRejectedException.Corrupt, $"The {format} image is corrupt: {ex.Message}");
        }
        catch (OpenCVException)
        {
            throw Unsupported(data);
        }

        if (image.Empty() || image.Width <= 0 || image.Height <= 0)
        {
            image.Dispose();
            if (format == ImageFormat.Unknown)
            {
                // Formats the sniffer does not name (PPM, JPEG 2000, ...) are still OpenCV's to try.
                throw Unsupported(data);
            }

            throw new ImageRejectedException(
                ImageRejectedException.Corrupt,
                $"The {format} image is corrupt or truncated: OpenCV could not decode its {data.Length} bytes.");
        }

        return image;
    }

    private static ImageRejectedException Unsupported(ReadOnlySpan<byte> data)
    {
        var head = Convert.ToHexString(data[..Math.Min(8, data.Length)]);
        return new ImageRejectedException(
            ImageRejectedException.UnsupportedFormat,
            $"The data is not an image OpenCV can read (JPEG, PNG, WebP, BMP, TIFF, ...; first bytes {head}).");
    }
}
