using System.Diagnostics;
using CrazyTrain.Capture.Pipeline;
using CrazyTrain.Capture.Tests.Support;

namespace CrazyTrain.Capture.Tests;

public sealed class FrameHeadersTests
{
    [Fact]
    public void Frame_headers_follow_the_contract()
    {
        var frame = new CapturedFrame("front", 1764345600123000, DateTimeOffset.FromUnixTimeMilliseconds(1764345600123), 640, 480, [0xFF, 0xD8]);

        var headers = FrameHeaders.Describe(frame);

        Assert.Equal(
            [
                new("frame-id", "1764345600123000"),
                new("captured-at", "1764345600123"),
                new("width", "640"),
                new("height", "480"),
                new("content-type", "image/jpeg"),
            ],
            headers);
    }

    [Fact]
    public void Trace_context_carries_traceparent_and_tracestate()
    {
        using var activity = new Activity("frame").SetIdFormat(ActivityIdFormat.W3C).Start();
        activity.TraceStateString = "crazytrain=1";

        var headers = FrameHeaders.TraceContext(activity).ToDictionary();

        Assert.Equal($"00-{activity.TraceId}-{activity.SpanId}-00", headers["traceparent"]);
        Assert.Equal("crazytrain=1", headers["tracestate"]);
    }

    [Fact]
    public void Frame_ids_increase_and_a_restart_starts_above_the_previous_run()
    {
        var time = new ManualTimeProvider();
        var first = new FrameIdGenerator(time);
        var ids = Enumerable.Range(0, 1000).Select(_ => first.Next()).ToArray();
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.Equal(time.GetUtcNow().ToUnixTimeMilliseconds() * 1000, ids[0]);

        // 1000 frames in one millisecond is far beyond any camera; a restart a millisecond later still wins.
        time.Advance(TimeSpan.FromMilliseconds(1));
        var restarted = new FrameIdGenerator(time);
        Assert.True(restarted.Next() > ids[^1]);
    }
}
