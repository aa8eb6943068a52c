using System.Buffers.Binary;
using System.IO.Compression;
using OpenCvSharp;

namespace CrazyTrain.Inference.Tests.Support;

/// <summary>Real encoded images made with OpenCV, so the tests go through the same decoder as the service.</summary>
internal static class TestImages
{
    /// <summary>A solid image in the given BGR colour.</summary>
    public static byte[] Solid(int width, int height, Scalar bgr, string extension = ".png")
    {
        using var image = new Mat(height, width, MatType.CV_8UC3, bgr);
        return Encode(image, extension);
    }

    /// <summary>A noisy camera-like frame (JPEG compresses it like a real one).</summary>
    public static byte[] Scene(int width, int height, int seed = 1, string extension = ".jpg")
    {
        using var image = new Mat(height, width, MatType.CV_8UC3, new Scalar(60, 60, 60));
        Cv2.Randu(image, new Scalar(0, 0, 0), new Scalar(255, 255, 255));
        Cv2.GaussianBlur(image, image, new Size(0, 0), 3);
        var random = new Random(seed);
        for (var i = 0; i < 12; i++)
        {
            var center = new Point(random.Next(width), random.Next(height));
            Cv2.Circle(image, center, random.Next(5, 40), new Scalar(random.Next(256), random.Next(256), random.Next(256)), -1);
        }

        return Encode(image, extension);
    }

    public static byte[] Gray(int width, int height, byte value, string extension = ".png")
    {
        using var image = new Mat(height, width, MatType.CV_8UC1, Scalar.All(value));
        return Encode(image, extension);
    }

    public static byte[] Encode(Mat image, string extension)
    {
        Cv2.ImEncode(extension, image, out var bytes);
        return bytes;
    }

    /// <summary>
    /// A decompression bomb: a valid PNG header declaring <paramref name="width"/>x<paramref name="height"/> RGB
    /// pixels, followed by the first rows of zeros, compressed (the real thing is ~1 MB for 20000x20000).
    /// </summary>
    public static byte[] PngDeclaring(int width, int height)
    {
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // colour type RGB
        WriteChunk(png, "IHDR", header);
        using (var rows = new MemoryStream())
        {
            using (var zlib = new ZLibStream(rows, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                zlib.Write(new byte[16 * (1 + 3 * width)]);
            }

            WriteChunk(png, "IDAT", rows.ToArray());
        }

        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        var typeAndData = new byte[4 + data.Length];
        System.Text.Encoding.ASCII.GetBytes(type, typeAndData);
        data.CopyTo(typeAndData, 4);
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        png.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typeAndData));
        png.Write(number);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
