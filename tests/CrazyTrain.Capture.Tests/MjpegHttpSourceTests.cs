using CrazyTrain.Capture.Options;
using CrazyTrain.Capture.Sources;
using CrazyTrain.Capture.Tests.Support;

namespace CrazyTrain.Capture.Tests;

public sealed class MjpegHttpSourceTests
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(5);

    private static Task<MjpegHttpSource> OpenAsync(string url, TimeSpan? timeout = null) =>
        MjpegHttpSource.OpenAsync(new FrameSourceSpec(FrameSourceKind.Stream, url), timeout ?? ReadTimeout, CancellationToken.None);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Reads_frames_in_order_with_or_without_content_length(bool sendContentLength)
    {
        await using var server = new MjpegTestServer(frames: 4, sendContentLength);
        using var source = await OpenAsync(server.Url);

        var seen = new List<int>();
        for (var read = 0; read < 4; read++)
        {
            using var frame = await source.ReadAsync(CancellationToken.None);
            Assert.Equal((96, 64), (frame.Width, frame.Height));
            seen.Add(TestVideos.IndexOf(frame));
        }

        Assert.Equal([0, 1, 2, 3], seen);
        Assert.True(source.IsLive);
    }

    [Fact]
    public async Task A_camera_that_hangs_up_is_reported_as_lost()
    {
        await using var server = new MjpegTestServer(frames: 1);
        using var source = await OpenAsync(server.Url);
        (await source.ReadAsync(CancellationToken.None)).Dispose();

        var error = await Assert.ThrowsAsync<FrameSourceException>(() => source.ReadAsync(CancellationToken.None).AsTask());
        Assert.Contains(server.Url, error.Message);
    }

    [Fact]
    public async Task A_silent_camera_times_out_instead_of_hanging()
    {
        await using var server = new MjpegTestServer(frames: 1, hangUpAfterFrames: false);
        using var source = await OpenAsync(server.Url, TimeSpan.FromSeconds(1));
        (await source.ReadAsync(CancellationToken.None)).Dispose();

        var error = await Assert.ThrowsAsync<FrameSourceException>(() => source.ReadAsync(CancellationToken.None).AsTask());
        Assert.Contains("no data for 1 s", error.Message);
    }

    [Fact]
    public async Task An_unreachable_url_is_named()
    {
        // Port 9 (discard) on loopback has no listener here: the connection is refused at once.
        var error = await Assert.ThrowsAsync<FrameSourceException>(() => OpenAsync("http://127.0.0.1:9/video.mjpg"));
        Assert.StartsWith("Stream 'http://127.0.0.1:9/video.mjpg' is unreachable", error.Message);
    }

    [Fact]
    public async Task A_frame_declaring_huge_dimensions_is_refused_before_decoding_and_the_frames_before_it_arrive()
    {
        await using var server = new MjpegTestServer(frames: 2, alterJpeg: (index, jpeg) => index == 1 ? DeclaringSize(jpeg, 30000, 30000) : jpeg);
        using var source = await OpenAsync(server.Url);
        using (var first = await source.ReadAsync(CancellationToken.None))
        {
            Assert.Equal((96, 64), (first.Width, first.Height));
        }

        var error = await Assert.ThrowsAsync<FrameSourceException>(() => source.ReadAsync(CancellationToken.None).AsTask());
        Assert.Contains("declaring 30000x30000 pixels", error.Message);
        Assert.Contains(server.Url, error.Message);
    }

    /// <summary>The same JPEG with its frame header (SOF0) claiming another size: a few kilobytes that would decode to gigabytes.</summary>
    private static byte[] DeclaringSize(byte[] jpeg, ushort width, ushort height)
    {
        var forged = (byte[])jpeg.Clone();
        var sof = Enumerable.Range(2, forged.Length - 10).First(i => forged[i] == 0xFF && forged[i + 1] == 0xC0);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(forged.AsSpan(sof + 5), height);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(forged.AsSpan(sof + 7), width);
        return forged;
    }

    [Fact]
    public async Task A_page_that_is_not_mjpeg_is_refused()
    {
        await using var server = new MjpegTestServer(frames: 1, contentType: "text/html");
        var error = await Assert.ThrowsAsync<FrameSourceException>(() => OpenAsync(server.Url));
        Assert.Contains("is not an MJPEG stream (Content-Type 'text/html'", error.Message);
    }
}
