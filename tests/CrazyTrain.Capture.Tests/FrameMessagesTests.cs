using CrazyTrain.Capture.Pipeline;
using CrazyTrain.Capture.Publishing;
using CrazyTrain.Capture.Tests.Support;

namespace CrazyTrain.Capture.Tests;

public sealed class FrameMessagesTests
{
    [Fact]
    public void Frame_message_follows_the_contract()
    {
        var frame = new CapturedFrame("front", 1764345600123000, DateTimeOffset.FromUnixTimeMilliseconds(1764345600123), 640, 480, [0xFF, 0xD8]);

        var message = FrameMessages.ToTrainMessage(frame);

        Assert.Equal("train.frames", message.Topic);
        Assert.Equal("front", message.Key);
        Assert.Equal(frame.Jpeg, message.Value.ToArray());
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["frame-id"] = "1764345600123000",
                ["captured-at"] = "1764345600123",
                ["width"] = "640",
                ["height"] = "480",
                ["content-type"] = "image/jpeg",
            },
            message.Headers);
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
