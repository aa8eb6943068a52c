using System.Diagnostics;
using CrazyTrain.Capture.Options;
using CrazyTrain.Capture.Sources;
using CrazyTrain.Capture.Tests.Support;
using OpenCvSharp;

namespace CrazyTrain.Capture.Tests;

public sealed class CaptureSessionTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task When_publishing_falls_behind_the_oldest_frames_are_dropped_and_counted()
    {
        const int grabbedWhileBlocked = 6;
        using var harness = new SessionHarness();
        var firstPublishStarted = new TaskCompletionSource();
        var releasePublisher = new TaskCompletionSource();
        harness.Publisher.OnPublish = async (frame, token) =>
        {
            firstPublishStarted.TrySetResult();
            await releasePublisher.Task.WaitAsync(token);
        };

        using var source = new ScriptedSource(async (read, token) =>
        {
            if (read == 1)
            {
                // Frame 0 is in the publisher's hands before any more are grabbed.
                await firstPublishStarted.Task.WaitAsync(token);
            }

            if (read == grabbedWhileBlocked + 1)
            {
                releasePublisher.TrySetResult();
                await Task.Delay(Timeout.Infinite, token);
            }

            return TestVideos.Solid(64, 48, TestVideos.LevelFor(read));
        });

        using var stop = new CancellationTokenSource();
        var running = harness.Create(source, fps: null).RunAsync(stop.Token);
        await Eventually.IsTrueAsync(() => harness.Publisher.Frames.Count == 2, "two published frames");
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);

        // Queue capacity 1: frame 0 was being published, frames 1..5 were pushed out by 6, the newest.
        var published = harness.Publisher.Frames.Select(entry => entry.Frame).ToArray();
        Assert.Equal([0, grabbedWhileBlocked], published.Select(frame => Level(frame.Jpeg)));
        Assert.Equal(grabbedWhileBlocked - 1, harness.Statistics.FramesDropped);
        Assert.Equal(0, harness.Statistics.FramesFailed);
        Assert.Equal(2, harness.Statistics.FramesPublished);
        Assert.True(published[1].FrameId - published[0].FrameId == grabbedWhileBlocked, "frame ids count grabbed frames, so gaps show drops");
    }

    [Fact]
    public async Task Each_frame_is_its_own_trace_root_and_carries_the_contract_headers()
    {
        using var harness = new SessionHarness(options: new CaptureOptions { CameraId = "front" });
        using var ambient = new Activity("request that must not become the parent").Start();
        using var source = harness.OneAtATime(_ => TestVideos.Solid(320, 240, 100), count: 3);

        using var stop = new CancellationTokenSource();
        var running = harness.Create(source, fps: null).RunAsync(stop.Token);
        await Eventually.IsTrueAsync(() => harness.Publisher.Frames.Count == 3, "three published frames");
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);

        var frames = harness.Publisher.Frames;
        Assert.All(frames, entry =>
        {
            Assert.Null(entry.ParentId);
            Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$", entry.TraceParent);
            Assert.Equal("front", entry.Frame.CameraId);
            Assert.Equal((320, 240), (entry.Frame.Width, entry.Frame.Height));
            Assert.Equal("image/jpeg", entry.Frame.ContentType);
        });
        Assert.Equal(3, frames.Select(entry => entry.TraceId).Distinct().Count());
        Assert.NotEqual(ambient.TraceId, frames[0].TraceId);
        Assert.Equal(frames.Select(entry => entry.Frame.FrameId).Order(), frames.Select(entry => entry.Frame.FrameId));
        Assert.Equal(frames[^1].Frame, harness.Latest.Current);
    }

    [Fact]
    public async Task A_file_is_read_on_its_schedule_not_at_decode_speed()
    {
        var time = new ManualTimeProvider();
        using var harness = new SessionHarness(time);
        var path = TestVideos.WriteNumbered(_folder.File("paced.mp4"), frames: 10, fps: 10);
        using var source = VideoFileSource.Open(new FrameSourceSpec(FrameSourceKind.File, path), loop: true);
        var period = TimeSpan.FromMilliseconds(100);

        using var stop = new CancellationTokenSource();
        var running = harness.Create(source, fps: 10).RunAsync(stop.Token);

        for (var frame = 1; frame <= 4; frame++)
        {
            // The grab loop now waits on a timer due exactly one period after the previous slot.
            var expectedDue = frame * period.Ticks;
            await Eventually.IsTrueAsync(() => time.PendingDueTimes().Contains(expectedDue), $"a timer for slot {frame}");
            await Eventually.IsTrueAsync(() => harness.Publisher.Frames.Count == frame, $"{frame} published frames");
            time.Advance(period);
        }

        await Eventually.IsTrueAsync(() => harness.Publisher.Frames.Count == 5, "the fifth frame");
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);

        var published = harness.Publisher.Frames.Select(entry => entry.Frame).ToArray();
        Assert.Equal([0, 1, 2, 3, 4], published.Select(frame => Level(frame.Jpeg)));
        Assert.Equal(
            Enumerable.Range(0, 5).Select(slot => time.GetUtcNow().AddTicks(-(4 - slot) * period.Ticks)),
            published.Select(frame => frame.CapturedAt));
    }

    [Fact]
    public async Task A_frame_that_fails_to_publish_is_counted_and_the_next_one_goes()
    {
        using var harness = new SessionHarness();
        var attempts = 0;
        harness.Publisher.OnPublish = (_, _) => Interlocked.Increment(ref attempts) == 1
            ? throw new InvalidOperationException("broker said no")
            : Task.CompletedTask;
        using var source = harness.OneAtATime(_ => TestVideos.Solid(64, 48, 100), count: 3);

        using var stop = new CancellationTokenSource();
        var running = harness.Create(source, fps: null).RunAsync(stop.Token);
        await Eventually.IsTrueAsync(() => harness.Publisher.Frames.Count == 2, "two published frames");
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);

        Assert.Equal(1, harness.Statistics.FramesFailed);
        Assert.Equal(1, harness.Statistics.FramesDropped);
        Assert.Contains(harness.Errors, error => error.Contains("broker said no") && error.Contains("train.frames"));
    }

    [Fact]
    public async Task A_frame_that_cannot_be_encoded_is_counted_and_capture_goes_on()
    {
        using var harness = new SessionHarness();
        // An empty image stands for a frame the encoder refuses.
        using var source = harness.OneAtATime(read => read == 0 ? new Mat() : TestVideos.Solid(64, 48, 100), count: 2);

        using var stop = new CancellationTokenSource();
        var running = harness.Create(source, fps: null).RunAsync(stop.Token);
        await Eventually.IsTrueAsync(() => harness.Publisher.Frames.Count == 1, "one published frame");
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);

        Assert.Equal(1, harness.Statistics.FramesFailed);
        Assert.Contains(harness.Errors, error => error.Contains("could not be encoded as JPEG"));
    }

    [Fact]
    public async Task A_lost_source_ends_the_session_with_its_error()
    {
        using var harness = new SessionHarness();
        using var source = new ScriptedSource((read, _) => read < 2
            ? Task.FromResult(TestVideos.Solid(64, 48, 100))
            : throw new FrameSourceException("Camera '/dev/video0' delivered no frame."));

        var error = await Assert.ThrowsAsync<FrameSourceException>(() => harness.Create(source, fps: null).RunAsync(CancellationToken.None));

        Assert.Contains("/dev/video0", error.Message);
        Assert.Equal(2, harness.Statistics.FramesPublished + harness.Statistics.FramesDropped);
    }

    private static int Level(byte[] jpeg)
    {
        using var frame = Decode(jpeg);
        return TestVideos.IndexOf(frame);
    }

    private static Mat Decode(byte[] jpeg) => Cv2.ImDecode(jpeg, ImreadModes.Color);
}
