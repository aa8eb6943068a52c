namespace CrazyTrain.SignModel.Imaging;

public enum ImageFormat
{
    Unknown,
    Jpeg,
    Png,
    Bmp,
    WebP,
    Tiff,

    /// <summary>Netpbm: PBM, PGM, PPM (P1-P6).</summary>
    Pnm,
}

/// <summary>Recognises images by their first bytes, not by what a sender or a file name claims they are.</summary>
public static class ImageFormatSniffer
{
    /// <summary>Enough leading bytes to recognise every format <see cref="Sniff"/> knows.</summary>
    public const int HeaderLength = 12;

    public static ImageFormat Sniff(ReadOnlySpan<byte> data)
    {
        if (data is [0xFF, 0xD8, 0xFF, ..])
        {
            return ImageFormat.Jpeg;
        }

        if (data is [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, ..])
        {
            return ImageFormat.Png;
        }

        // The original system's camera wrote WebP (RIFF container): "RIFF" <size> "WEBP".
        if (data is [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..])
        {
            return ImageFormat.WebP;
        }

        if (data is [(byte)'I', (byte)'I', 0x2A, 0x00, ..] or [(byte)'M', (byte)'M', 0x00, 0x2A, ..])
        {
            return ImageFormat.Tiff;
        }

        if (data is [(byte)'P', >= (byte)'1' and <= (byte)'6', (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'#', ..])
        {
            return ImageFormat.Pnm;
        }

        if (data is [(byte)'B', (byte)'M', ..] && data.Length > 26)
        {
            return ImageFormat.Bmp;
        }

        return ImageFormat.Unknown;
    }

    /// <summary>
    /// A JPEG ends with the end-of-image marker FF D9, possibly followed by padding. Checking it names the
    /// problem precisely (a frame that lost its tail in transit) instead of a generic decode failure.
    /// </summary>
    public static bool HasJpegEnd(ReadOnlySpan<byte> data)
    {
        var tail = data.Length > 4096 ? data[^4096..] : data[2..];
        return tail.IndexOf((ReadOnlySpan<byte>)[0xFF, 0xD9]) >= 0;
    }
}
