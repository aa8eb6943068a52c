using System.Globalization;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using CrazyTrain.Console.State;
using CrazyTrain.Console.Tests.Support;
using CrazyTrain.Messaging;

namespace CrazyTrain.Console.Tests;

/// <summary>The console's own consumers, fed through a real Kafka-protocol broker (librdkafka's mock cluster).</summary>
public sealed class KafkaFeedTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task Frames_detections_orders_and_telemetry_from_the_topics_reach_the_snapshot()
    {
        await using var services = await FakeTrainServices.StartAsync();
        await using var console = await ConsoleServer.StartAsync(broker.Broker.BootstrapServers, services.BaseAddress);
        using var producer = broker.Broker.CreateProducer();
        using var stop = new CancellationTokenSource();
        // Consumers start at the latest offset once they joined: keep publishing until the console has seen some.
        var feed = TrainFeed.RunAsync(producer, () => true, stop.Token);
        // The snapshot that satisfied the wait is the one asserted on: a later one may already show a newer
        // frame whose detections are still on their way.
        ConsoleSnapshot? state = null;
        try
        {
            await Eventually.True(() =>
            {
                var snapshot = console.Hub.Snapshot(new(SignedIn: false));
                var complete = snapshot.Frame is not null && snapshot.FrameDetections is not null && snapshot.Pipeline.OrdersReceived > 0 && snapshot.Telemetry.ContainsKey("controller");
                state = complete ? snapshot : null;
                return complete;
            }, "frames, detections, orders and telemetry to arrive over Kafka", TimeSpan.FromSeconds(60));
        }
        finally
        {
            await stop.CancelAsync();
            await feed;
        }

        Assert.NotNull(state);
        Assert.Equal("cam0", state.Frame!.CameraId);
        Assert.NotNull(state.Frame.CapturedAt);
        Assert.Equal(640, state.Frame.Width);
        Assert.Equal(state.Frame.FrameId, state.FrameDetections!.FrameId);
        Assert.Equal("stop", state.FrameDetections.Report.GetProperty("detections")[0].GetProperty("label").GetString());
        Assert.Contains(state.Orders, order => order.GetProperty("action").GetString() == "stop");
        Assert.Equal(Frames.Jpeg(state.Frame.FrameId), console.Hub.Frame(state.Frame.FrameId)!.Image.ToArray());
    }

    [Fact]
    public async Task Messages_that_break_the_contract_are_counted_and_skipped()
    {
        await using var services = await FakeTrainServices.StartAsync();
        await using var console = await ConsoleServer.StartAsync(broker.Broker.BootstrapServers, services.BaseAddress);
        using var producer = broker.Broker.CreateProducer();
        using var stop = new CancellationTokenSource();
        var garbage = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                producer.Produce(Topics.Frames, new Message<string, byte[]> { Key = "cam0", Value = [1, 2, 3] });
                producer.Produce(Topics.Detections, new Message<string, byte[]> { Key = "cam0", Value = Encoding.UTF8.GetBytes("{not json") });
                await Task.Delay(100);
            }
        });
        try
        {
            await Eventually.True(() => console.Hub.Snapshot(new(SignedIn: false)).Pipeline.MessagesRejected >= 2, "bad messages to be rejected", TimeSpan.FromSeconds(60));
        }
        finally
        {
            await stop.CancelAsync();
            await garbage;
        }

        var state = console.Hub.Snapshot(new(SignedIn: false));
        Assert.Null(state.Frame);
        Assert.Null(state.Detections);
    }
}

/// <summary>Publishes what capture, inference and controller would: a frame every 100 ms, its detections, and now and then an order.</summary>
public static class TrainFeed
{
    public static Task RunAsync(IProducer<string, byte[]> producer, Func<bool> capturing, CancellationToken cancellationToken) => Task.Run(async () =>
    {
        long frameId = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            if (capturing())
            {
                frameId++;
                var capturedAt = DateTimeOffset.UtcNow;
                producer.Produce(Topics.Frames, new Message<string, byte[]>
                {
                    Key = "cam0",
                    Value = Frames.Jpeg(frameId),
                    Headers = new Headers
                    {
                        { FrameHeaders.FrameId, Encoding.UTF8.GetBytes(frameId.ToString(CultureInfo.InvariantCulture)) },
                        { FrameHeaders.CapturedAt, Encoding.UTF8.GetBytes(capturedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)) },
                        { FrameHeaders.Width, "640"u8.ToArray() },
                        { FrameHeaders.Height, "480"u8.ToArray() },
                        { FrameHeaders.ContentType, "image/jpeg"u8.ToArray() },
                    },
                });
                var box = Frames.StopSignBox(frameId);
                var detections = Frames.Detections(frameId, capturedAt, ("stop", 0.93, box.X, box.Y, box.W, box.H));
                producer.Produce(Topics.Detections, new Message<string, byte[]> { Key = "cam0", Value = JsonSerializer.SerializeToUtf8Bytes(detections) });
                if (frameId % 10 == 0)
                {
                    var order = new { time = DateTimeOffset.UtcNow, action = "stop", power = 0, reason = new { label = "stop", confidence = 0.93, frameId } };
                    producer.Produce(Topics.Orders, new Message<string, byte[]> { Key = "Virtual City Hub", Value = JsonSerializer.SerializeToUtf8Bytes(order, TrainJson.Options) });
                    var telemetry = new { time = DateTimeOffset.UtcNow, source = "controller", hub = new { connected = true, battery = 80, rssi = -50, motorPower = 0 } };
                    producer.Produce(Topics.Telemetry, new Message<string, byte[]> { Key = "controller", Value = JsonSerializer.SerializeToUtf8Bytes(telemetry, TrainJson.Options) });
                }
            }

            try
            {
                await Task.Delay(100, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }, CancellationToken.None);
}
