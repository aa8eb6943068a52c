using System.Text;
using CrazyTrain.Capture.Tests.Support;
using Confluent.Kafka;
using OpenCvSharp;

namespace CrazyTrain.Capture.Tests;

/// <summary>End to end over the Kafka protocol: the capture service produces, a plain consumer reads train.frames.</summary>
public sealed class KafkaFramePublisherTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Frames_reach_train_frames_with_key_headers_and_trace_context()
    {
        var video = TestVideos.WriteNumbered(_folder.File("kafka.mp4"), frames: 5, fps: 25, width: 320, height: 240);
        var cameraId = "kafka-test-" + Guid.NewGuid().ToString("N")[..8];
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
            {
                BootstrapServers = MockBroker.Shared.BootstrapServers,
                GroupId = cameraId,
                AutoOffsetReset = AutoOffsetReset.Earliest,
                AllowAutoCreateTopics = true,
                TopicMetadataRefreshIntervalMs = 200,
            })
            .SetLogHandler((_, _) => { })
            .Build();
        consumer.Subscribe("train.frames");

        await using var app = new CaptureAppFactory(
            new Dictionary<string, string?> { ["Capture:Source"] = video, ["Capture:CameraId"] = cameraId },
            publishToKafka: true);
        using var client = app.CreateClient();

        var frames = new List<ConsumeResult<string, byte[]>>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (frames.Count < 3 && DateTime.UtcNow < deadline)
        {
            // The mock cluster creates train.frames on the first produce; until then there is nothing to read.
            if (KafkaMessages.Next(consumer, TimeSpan.FromMilliseconds(200)) is { } result && result.Message.Key == cameraId)
            {
                frames.Add(result);
            }
        }

        Assert.Equal(3, frames.Count);
        var ids = new List<long>();
        var traces = new HashSet<string>();
        foreach (var frame in frames)
        {
            string Header(string name) => Encoding.UTF8.GetString(frame.Message.Headers.GetLastBytes(name));
            ids.Add(long.Parse(Header("frame-id")));
            Assert.Equal("320", Header("width"));
            Assert.Equal("240", Header("height"));
            Assert.Equal("image/jpeg", Header("content-type"));
            var capturedAt = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(Header("captured-at")));
            Assert.InRange(capturedAt, DateTimeOffset.UtcNow.AddMinutes(-2), DateTimeOffset.UtcNow);
            var traceParent = Header("traceparent");
            Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$", traceParent);
            traces.Add(traceParent.Split('-')[1]);
            using var image = Cv2.ImDecode(frame.Message.Value, ImreadModes.Color);
            Assert.Equal(new Size(320, 240), image.Size());
        }

        Assert.Equal(ids.Order(), ids);
        Assert.Equal(3, traces.Count);
    }
}
