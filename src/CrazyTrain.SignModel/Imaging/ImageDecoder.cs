using OpenCvSharp;

namespace CrazyTrain.SignModel.Imaging;

/// <summary>Turns encoded bytes into a BGR 8-bit image with OpenCV, or says precisely why it cannot.</summary>
public static class ImageDecoder
{
    /// <param name="data">The encoded image.</param>
    /// <param name="strict">
    /// Live frames and API calls (true) name a cut-off JPEG as truncated and allow <see cref="PixelLimit.Live"/>;
    /// offline batches (false) leave truncation to OpenCV and allow <see cref="PixelLimit.Offline"/>. Both read
    /// JPEG, PNG, WebP, BMP, TIFF and PBM/PGM/PPM, judged by content: camera folders hold WebP files named
    /// <c>.jpg</c>. The size is read from the header first, so a small file that declares a huge image is refused
    /// before OpenCV allocates it.
    /// </param>
    public static Mat Decode(ReadOnlySpan<byte> data, bool strict)
    {
        if (data.IsEmpty)
        {
            throw new ImageRejectedException(ImageRejectedException.Empty, "The image is empty (0 bytes).");
        }

        var format = ImageFormatSniffer.Sniff(data);
        if (format == ImageFormat.Unknown)
        {
            // Only formats whose size the header gives are decoded: every decode is bounded.
            throw Unsupported(data);
        }

        if (strict && format == ImageFormat.Jpeg && !ImageFormatSniffer.HasJpegEnd(data))
        {
            throw new ImageRejectedException(
                ImageRejectedException.Truncated,
                $"The JPEG is truncated: no end-of-image marker in its {data.Length} bytes.");
        }

        CheckSize(data, format, strict ? PixelLimit.Live : PixelLimit.Offline);

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

    private static void CheckSize(ReadOnlySpan<byte> data, ImageFormat format, PixelLimit limit)
    {
        if (!ImageSize.TryRead(data, format, out var width, out var height))
        {
            throw new ImageRejectedException(
                ImageRejectedException.Corrupt,
                $"The {format} image is corrupt: its header does not give a usable width and height ({data.Length} bytes).");
        }

        if (!limit.Allows(width, height))
        {
            throw new ImageRejectedException(
                ImageRejectedException.TooManyPixels,
                $"The {format} image declares {width}x{height} pixels; at most {limit.MaxSide} a side and {limit.MaxPixels / 1e6:0.#} MP are decoded here.");
        }
    }

    private static ImageRejectedException Unsupported(ReadOnlySpan<byte> data)
    {
        var head = Convert.ToHexString(data[..Math.Min(8, data.Length)]);
        return new ImageRejectedException(
            ImageRejectedException.UnsupportedFormat,
            $"The data is not a JPEG, PNG, WebP, BMP, TIFF or PBM/PGM/PPM image (first bytes {head}).");
    }
}
