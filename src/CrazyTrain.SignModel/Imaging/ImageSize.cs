using System.Buffers.Binary;

namespace CrazyTrain.SignModel.Imaging;

/// <summary>
/// Reads an image's width and height from its header, without decoding a pixel: a small file can declare a huge
/// image (a 1 MB PNG of 20000x20000 zeros decodes to 1.2 GB), so the decoder checks the size before OpenCV
/// allocates anything. Knows the formats the sniffer names; anything else has no size it can trust.
/// </summary>
public static class ImageSize
{
    public static bool TryRead(ReadOnlySpan<byte> data, ImageFormat format, out int width, out int height)
    {
        (width, height) = (0, 0);
        long w, h;
        switch (format)
        {
            case ImageFormat.Png when data.Length >= 24 && data[12..16].SequenceEqual("IHDR"u8):
                (w, h) = (BinaryPrimitives.ReadUInt32BigEndian(data[16..]), BinaryPrimitives.ReadUInt32BigEndian(data[20..]));
                break;
            case ImageFormat.Jpeg when TryJpeg(data, out w, out h):
                break;
            case ImageFormat.WebP when TryWebP(data, out w, out h):
                break;
            case ImageFormat.Bmp when data.Length >= 26:
                // BITMAPCOREHEADER (12 bytes) has 16-bit sizes; every later header 32-bit, height negative when top-down.
                var core = BinaryPrimitives.ReadInt32LittleEndian(data[14..]) == 12;
                w = core ? BinaryPrimitives.ReadInt16LittleEndian(data[18..]) : BinaryPrimitives.ReadInt32LittleEndian(data[18..]);
                h = Math.Abs(core ? (long)BinaryPrimitives.ReadInt16LittleEndian(data[20..]) : BinaryPrimitives.ReadInt32LittleEndian(data[22..]));
                break;
            case ImageFormat.Tiff when TryTiff(data, out w, out h):
                break;
            case ImageFormat.Pnm when TryPnm(data, out w, out h):
                break;
            default:
                return false;
        }

        if (w <= 0 || h <= 0 || w > int.MaxValue || h > int.MaxValue)
        {
            return false;
        }

        (width, height) = ((int)w, (int)h);
        return true;
    }

    /// <summary>The first start-of-frame segment (baseline, progressive, lossless, arithmetic) holds the size.</summary>
    private static bool TryJpeg(ReadOnlySpan<byte> data, out long width, out long height)
    {
        (width, height) = (0, 0);
        var at = 2;
        while (at + 4 <= data.Length)
        {
            if (data[at] != 0xFF)
            {
                return false;
            }

            var marker = data[at + 1];
            if (marker == 0xFF)
            {
                at++;
                continue;
            }

            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                at += 2;
                continue;
            }

            if (marker is 0xDA or 0xD9)
            {
                return false;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(data[(at + 2)..]);
            if (marker is (>= 0xC0 and <= 0xCF) and not 0xC4 and not 0xC8 and not 0xCC)
            {
                if (at + 9 > data.Length)
                {
                    return false;
                }

                (height, width) = (BinaryPrimitives.ReadUInt16BigEndian(data[(at + 5)..]), BinaryPrimitives.ReadUInt16BigEndian(data[(at + 7)..]));
                return true;
            }

            at += 2 + length;
        }

        return false;
    }

    private static bool TryWebP(ReadOnlySpan<byte> data, out long width, out long height)
    {
        (width, height) = (0, 0);
        if (data.Length < 30)
        {
            return false;
        }

        var chunk = data[12..16];
        if (chunk.SequenceEqual("VP8 "u8))
        {
            // Lossy: frame tag (3 bytes), start code 9D 01 2A, then 14-bit width and height.
            (width, height) = (BinaryPrimitives.ReadUInt16LittleEndian(data[26..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(data[28..]) & 0x3FFF);
            return true;
        }

        if (chunk.SequenceEqual("VP8L"u8) && data[20] == 0x2F)
        {
            // Lossless: signature 2F, then width - 1 and height - 1 in 14 bits each.
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(data[21..]);
            (width, height) = ((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1);
            return true;
        }

        if (chunk.SequenceEqual("VP8X"u8))
        {
            // Extended: canvas width - 1 and height - 1 in 24 bits each.
            (width, height) = (ReadUInt24(data[24..]) + 1, ReadUInt24(data[27..]) + 1);
            return true;
        }

        return false;
    }

    private static long ReadUInt24(ReadOnlySpan<byte> data) => data[0] | (data[1] << 8) | (data[2] << 16);

    /// <summary>ImageWidth (256) and ImageLength (257) of the first directory, the page OpenCV decodes.</summary>
    private static bool TryTiff(ReadOnlySpan<byte> data, out long width, out long height)
    {
        (width, height) = (0, 0);
        var little = data[0] == (byte)'I';
        if (data.Length < 8)
        {
            return false;
        }

        var directory = U32(data, 4, little);
        if (directory > data.Length - 2)
        {
            return false;
        }

        var entries = U16(data, (int)directory, little);
        for (var i = 0; i < entries; i++)
        {
            var entry = (int)directory + 2 + i * 12;
            if (entry + 12 > data.Length)
            {
                return false;
            }

            var tag = U16(data, entry, little);
            long value = U16(data, entry + 2, little) == 3 ? U16(data, entry + 8, little) : U32(data, entry + 8, little);
            if (tag == 256)
            {
                width = value;
            }
            else if (tag == 257)
            {
                height = value;
            }
        }

        return width > 0 && height > 0;
    }

    private static uint U32(ReadOnlySpan<byte> data, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(data[at..]) : BinaryPrimitives.ReadUInt32BigEndian(data[at..]);

    private static ushort U16(ReadOnlySpan<byte> data, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(data[at..]) : BinaryPrimitives.ReadUInt16BigEndian(data[at..]);

    /// <summary>Netpbm P1-P6: the magic number, then width and height as text, with '#' comments between.</summary>
    private static bool TryPnm(ReadOnlySpan<byte> data, out long width, out long height)
    {
        (width, height) = (0, 0);
        var at = 2;
        return NextNumber(data, ref at, out width) && NextNumber(data, ref at, out height);
    }

    private static bool NextNumber(ReadOnlySpan<byte> data, ref int at, out long value)
    {
        value = 0;
        while (at < data.Length && (data[at] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' || data[at] == (byte)'#'))
        {
            if (data[at] == (byte)'#')
            {
                while (at < data.Length && data[at] != (byte)'\n')
                {
                    at++;
                }
            }
            else
            {
                at++;
            }
        }

        var start = at;
        while (at < data.Length && data[at] is >= (byte)'0' and <= (byte)'9' && at - start < 10)
        {
            value = value * 10 + (data[at++] - '0');
        }

        return at > start;
    }
}
