using CrazyTrain.Capture.Options;
using CrazyTrain.Capture.Sources;
using CrazyTrain.Capture.Tests.Support;

namespace CrazyTrain.Capture.Tests;

public sealed class VideoFileSourceTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static FrameSourceSpec Spec(string path) => new(FrameSourceKind.File, path);

    [Theory]
    [InlineData("numbered.mp4")]
    [InlineData("numbered.avi")]
    public async Task Reads_every_frame_in_order_and_loops_to_the_first(string name)
    {
        var path = TestVideos.WriteNumbered(_folder.File(name), frames: 5, fps: 25);
        using var source = VideoFileSource.Open(Spec(path), loop: true);

        var seen = new List<int>();
        for (var read = 0; read < 12; read++)
        {
            using var frame = await source.ReadAsync(CancellationToken.None);
            seen.Add(TestVideos.IndexOf(frame));
        }

        Assert.Equal([0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1], seen);
        Assert.Equal(25, source.NativeFps!.Value, precision: 3);
        Assert.False(source.IsLive);
    }

    [Fact]
    public async Task Without_looping_the_end_of_the_video_is_reported()
    {
        var path = TestVideos.WriteNumbered(_folder.File("short.mp4"), frames: 2);
        using var source = VideoFileSource.Open(Spec(path), loop: false);
        (await source.ReadAsync(CancellationToken.None)).Dispose();
        (await source.ReadAsync(CancellationToken.None)).Dispose();

        var end = await Assert.ThrowsAsync<EndOfVideoException>(() => source.ReadAsync(CancellationToken.None).AsTask());
        Assert.Contains(path, end.Message);
    }

    [Fact]
    public void Missing_file_is_named()
    {
        var path = _folder.File("missing.mp4");
        var error = Assert.Throws<FrameSourceException>(() => VideoFileSource.Open(Spec(path), loop: true));
        Assert.Equal($"Video file '{path}' does not exist.", error.Message);
    }

    [Fact]
    public void Corrupt_file_is_named()
    {
        var path = _folder.File("corrupt.mp4");
        File.WriteAllBytes(path, [.. Enumerable.Range(0, 4096).Select(index => (byte)(index * 31))]);

        var error = Assert.Throws<FrameSourceException>(() => VideoFileSource.Open(Spec(path), loop: true));

        Assert.Contains($"Video file '{path}'", error.Message);
        Assert.Contains("cannot", error.Message);
    }

    [Fact]
    public void Truncated_file_is_named()
    {
        var whole = TestVideos.WriteNumbered(_folder.File("whole.mp4"), frames: 20);
        var path = _folder.File("truncated.mp4");
        var bytes = File.ReadAllBytes(whole);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 3)]);

        var error = Assert.Throws<FrameSourceException>(() => VideoFileSource.Open(Spec(path), loop: true));

        Assert.Contains($"Video file '{path}'", error.Message);
    }

    [Fact]
    public void Folder_is_not_a_video() =>
        Assert.Contains("is a folder", Assert.Throws<FrameSourceException>(() => VideoFileSource.Open(Spec(_folder.Path), loop: true)).Message);
}
