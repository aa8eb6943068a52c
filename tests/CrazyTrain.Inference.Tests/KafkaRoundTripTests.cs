using System.Globalization;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using CrazyTrain.Inference.Tests.Support;
using CrazyTrain.Messaging;

namespace CrazyTrain.Inference.Tests;

/// <summary>
/// The whole service against librdkafka's mock cluster (a real Kafka-protocol listener on loopback): a JPEG
/// frame produced on train.frames comes back as a detection document on train.detections in the same trace.
/// </summary>
public sealed class KafkaRoundTripTests : IDisposable
{
    private const string TraceId = "0af7651916cd43dd8448eb211c80319c";
    private readonly TempFolder _folder = new();
    private readonly DevelopmentKafkaCluster _cluster = DevelopmentKafkaCluster.Start();

    [Fact]
    public async Task A_frame_on_train_frames_comes_back_as_detections_in_the_same_trace()
    {
        // With the golden STOP where the acceptance check looks for it: a model that fails the check detects no live frame.
        var model = new TestModel { Name = "signs", Version = "7.0.0", Anchors = [([8 + 3, 6, 8 + 27, 30], [0, 0, 0.85f, 0, 0]), TestModel.GoldenStop] };
        using var app = new InferenceApp(model.WriteTo(_folder.Path), new Dictionary<string, string?>
        {
            ["Inference:ConsumeFrames"] = "true",
            ["ConnectionStrings:kafka"] = _cluster.BootstrapServers,
            ["Kafka:MetadataRefreshInterval"] = "00:00:00.200",
        });
        using var client = app.CreateClient();

        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = _cluster.BootstrapServers }).Build();
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = _cluster.BootstrapServers,
            GroupId = "inference-test",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            TopicMetadataRefreshIntervalMs = 200,
        }).Build();
        consumer.Subscribe(Topics.Detections);

        var jpeg = TestImages.Scene(128, 96);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        ConsumeResult<string, byte[]>? result = null;
        long frameId = 0;

        // The service joins its group at the latest offset, so keep the camera running until it answers.
        while (result is null && DateTime.UtcNow < deadline)
        {
            frameId++;
            await producer.ProduceAsync(Topics.Frames, new Message<string, byte[]>
            {
                Key = "cam-7",
                Value = jpeg,
                Headers = new Headers
                {
                    { FrameHeaders.FrameId, Encoding.UTF8.GetBytes(frameId.ToString(CultureInfo.InvariantCulture)) },
                    { FrameHeaders.CapturedAt, Encoding.UTF8.GetBytes(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)) },
                    { FrameHeaders.Width, "128"u8.ToArray() },
                    { FrameHeaders.Height, "96"u8.ToArray() },
                    { FrameHeaders.ContentType, "image/jpeg"u8.ToArray() },
                    { TraceHeaders.TraceParent, Encoding.UTF8.GetBytes($"00-{TraceId}-b7ad6b7169203331-01") },
                },
            });
            // train.detections appears with the service's first answer.
            result = KafkaMessages.Next(consumer, TimeSpan.FromMilliseconds(300));
        }

        Assert.NotNull(result);
        Assert.Equal("cam-7", result.Message.Key);
        var traceParent = Encoding.UTF8.GetString(result.Message.Headers.GetLastBytes(TraceHeaders.TraceParent));
        Assert.StartsWith($"00-{TraceId}-", traceParent);

        var json = JsonDocument.Parse(result.Message.Value).RootElement;
        Assert.InRange(json.GetProperty("frameId").GetInt64(), 1, frameId);
        Assert.Equal(128, json.GetProperty("width").GetInt32());
        Assert.Equal("7.0.0", json.GetProperty("model").GetProperty("version").GetString());
        Assert.Equal(["speed_limit_30", "stop"], json.GetProperty("detections").EnumerateArray().Select(d => d.GetProperty("label").GetString()).Order());
        consumer.Close();
    }

    public void Dispose()
    {
        _cluster.Dispose();
        _folder.Dispose();
    }
}
