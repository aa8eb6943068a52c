using System.Text;
using CrazyTrain.Capture.Sources;

namespace CrazyTrain.Capture.Tests;

public sealed class MjpegPartReaderTests
{
    private static readonly byte[] ImageA = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 0xFF, 0xD9];
    private static readonly byte[] ImageB = [0xFF, 0xD8, 0xFF, 0xDB, 0xFF, 0x00, 9, 0xFF, 0xD9];

    /// <summary>Hands out at most one byte per read, the worst case for a parser.</summary>
    private sealed class TrickleStream(byte[] data) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 1)], cancellationToken);
    }

    private static byte[] Body(bool withLength, params byte[][] images)
    {
        var body = new MemoryStream();
        foreach (var image in images)
        {
            var length = withLength ? $"Content-Length: {image.Length}\r\n" : string.Empty;
            body.Write(Encoding.ASCII.GetBytes($"--myboundary\r\nContent-Type: image/jpeg\r\n{length}\r\n"));
            body.Write(image);
            body.Write("\r\n"u8);
        }

        return body.ToArray();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Splits_parts_even_when_bytes_trickle_in_one_at_a_time(bool withLength)
    {
        var reader = new MjpegPartReader(new TrickleStream(Body(withLength, ImageA, ImageB)));

        Assert.Equal(ImageA, await reader.ReadImageAsync(CancellationToken.None));
        Assert.Equal(ImageB, await reader.ReadImageAsync(CancellationToken.None));
        Assert.Null(await reader.ReadImageAsync(CancellationToken.None));
    }

    [Fact]
    public async Task An_absurd_content_length_is_refused()
    {
        var body = Encoding.ASCII.GetBytes("--b\r\nContent-Length: 999999999\r\n\r\n");
        var reader = new MjpegPartReader(new MemoryStream(body), maxImageBytes: 1024);
        await Assert.ThrowsAsync<InvalidDataException>(() => reader.ReadImageAsync(CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task A_stream_cut_inside_an_image_is_an_error()
    {
        var body = Body(true, ImageA);
        var reader = new MjpegPartReader(new MemoryStream(body[..^6]));
        await Assert.ThrowsAsync<EndOfStreamException>(() => reader.ReadImageAsync(CancellationToken.None).AsTask());
    }
}
