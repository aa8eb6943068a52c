using System.Diagnostics;
using CrazyTrain.Inference.Frames;
using CrazyTrain.Inference.Hosting;
using CrazyTrain.Inference.Tests.Support;
using CrazyTrain.Messaging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrazyTrain.Inference.Tests;

/// <summary>How a consumed <c>train.frames</c> message becomes a <see cref="Frame"/>.</summary>
public sealed class KafkaFrameFeedTests : IDisposable
{
    private const string TraceParent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    private static readonly DateTimeOffset BrokerTime = new(2026, 11, 28, 16, 0, 0, TimeSpan.Zero);

    private readonly InferenceMetrics _metrics = new();
    private readonly MetricRecorder _recorded;
    private readonly KafkaFrameFeed _feed;

    public KafkaFrameFeedTests()
    {
        _recorded = new MetricRecorder(_metrics);
        _feed = new KafkaFrameFeed(_metrics, NullLogger<KafkaFrameFeed>.Instance);
    }

    private static ReceivedMessage Message(Dictionary<string, string> headers, long offset = 1)
    {
        var message = TrainMessage.Create(Topics.Frames, "cam-3", new byte[] { 1, 2, 3 }, headers);
        return new ReceivedMessage(message, 0, offset, BrokerTime, TraceContext.Extract(message.Headers));
    }

    private async Task<Frame> NextFrame()
    {
        await using var frames = _feed.ReadAsync(CancellationToken.None).GetAsyncEnumerator();
        Assert.True(await frames.MoveNextAsync());
        return frames.Current;
    }

    [Fact]
    public async Task Headers_become_the_frame_and_its_trace()
    {
        await _feed.HandleAsync(Message(new()
        {
            [FrameHeaders.FrameId] = "42",
            [FrameHeaders.CapturedAt] = "1796140800123",
            [FrameHeaders.Width] = "640",
            [FrameHeaders.Height] = "480",
            [FrameHeaders.ContentType] = "image/jpeg",
            [TraceHeaders.TraceParent] = TraceParent,
        }), CancellationToken.None);

        var frame = await NextFrame();
        Assert.Equal("cam-3", frame.CameraId);
        Assert.Equal(42, frame.FrameId);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1796140800123), frame.CapturedAt);
        Assert.Equal(640, frame.Width);
        Assert.Equal(480, frame.Height);
        Assert.Equal(3, frame.Image.Length);
        Assert.Equal(TraceParent, frame.TraceParent);
    }

    [Fact]
    public async Task Without_captured_at_the_broker_time_is_used_and_bad_sizes_are_ignored()
    {
        await _feed.HandleAsync(Message(new() { [FrameHeaders.FrameId] = "7", [FrameHeaders.Width] = "wide", [FrameHeaders.Height] = "-3" }), CancellationToken.None);

        var frame = await NextFrame();
        Assert.Equal(BrokerTime, frame.CapturedAt);
        Assert.Null(frame.Width);
        Assert.Null(frame.Height);
        Assert.Null(frame.TraceParent);
    }

    [Fact]
    public async Task A_frame_without_a_usable_id_is_skipped_and_counted()
    {
        await _feed.HandleAsync(Message(new() { [FrameHeaders.FrameId] = "forty-two" }), CancellationToken.None);
        await _feed.HandleAsync(Message(new() { [FrameHeaders.FrameId] = "43" }, offset: 2), CancellationToken.None);

        Assert.Equal(43, (await NextFrame()).FrameId);
        Assert.Equal(1, _recorded.Sum("crazytrain.inference.frames.skipped", KafkaFrameFeed.BadHeaders));
    }

    [Fact]
    public async Task Frames_not_yet_taken_are_replaced_by_newer_ones()
    {
        for (var id = 1; id <= 3; id++)
        {
            await _feed.HandleAsync(Message(new() { [FrameHeaders.FrameId] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, id), CancellationToken.None);
        }

        Assert.Equal(3, (await NextFrame()).FrameId);
        Assert.Equal(2, _recorded.Sum("crazytrain.inference.frames.skipped", SkipReasons.Superseded));
    }

    [Fact]
    public async Task A_recorded_consumer_span_becomes_the_parent()
    {
        using var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        using var source = new ActivitySource("test.consumer");
        using (var consumerSpan = source.StartActivity("train.frames process"))
        {
            await _feed.HandleAsync(Message(new() { [FrameHeaders.FrameId] = "1" }), CancellationToken.None);
            var frame = await NextFrame();
            Assert.Equal($"00-{consumerSpan!.TraceId}-{consumerSpan.SpanId}-01", frame.TraceParent);
        }
    }

    public void Dispose()
    {
        _recorded.Dispose();
        _metrics.Dispose();
    }
}
