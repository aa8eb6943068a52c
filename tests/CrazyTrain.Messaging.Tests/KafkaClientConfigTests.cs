using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace CrazyTrain.Messaging.Tests;

public sealed class KafkaClientConfigTests
{
    [Fact]
    public void Orders_are_durable_and_everything_else_is_tuned_for_latency()
    {
        Assert.Equal(DeliveryProfile.Durable, TopicDelivery.For(Topics.Orders));
        Assert.Equal(DeliveryProfile.Latency, TopicDelivery.For(Topics.Frames));
        Assert.Equal(DeliveryProfile.Latency, TopicDelivery.For(Topics.Detections));
        Assert.Equal(DeliveryProfile.Latency, TopicDelivery.For(Topics.Telemetry));
    }

    [Fact]
    public void The_latency_producer_sends_at_once_with_the_leaders_acknowledgement()
    {
        var producer = Config().Producer(DeliveryProfile.Latency);

        Assert.Equal(0, producer.LingerMs);
        Assert.Equal(Acks.Leader, producer.Acks);
        Assert.False(producer.EnableIdempotence);
        Assert.Equal(true, producer.SocketNagleDisable);
    }

    [Fact]
    public void The_durable_producer_waits_for_all_replicas_and_never_duplicates()
    {
        var producer = Config().Producer(DeliveryProfile.Durable);

        Assert.Equal(Acks.All, producer.Acks);
        Assert.True(producer.EnableIdempotence);
        Assert.Equal(0, producer.LingerMs);
    }

    [Fact]
    public void Latency_consumers_never_wait_long_for_an_empty_fetch()
    {
        var latency = Config().Consumer("group", AutoOffsetReset.Latest, DeliveryProfile.Latency);
        var durable = Config().Consumer("group", AutoOffsetReset.Latest, DeliveryProfile.Durable);

        Assert.Equal(KafkaClientConfig.LatencyFetchWaitMaxMs, latency.FetchWaitMaxMs);
        Assert.Equal(1, latency.FetchMinBytes);
        Assert.True(latency.FetchWaitMaxMs < 500, "librdkafka's default 500 ms made frames arrive in bursts");
        Assert.Equal(KafkaClientConfig.DurableFetchWaitMaxMs, durable.FetchWaitMaxMs);
        Assert.False(latency.EnableAutoOffsetStore);
    }

    [Fact]
    public void Settings_under_Kafka_Client_override_the_profiles()
    {
        var config = Config(new() { ["fetch.wait.max.ms"] = "250", ["linger.ms"] = "5", ["sasl.username"] = "train" });

        Assert.Equal(250, config.Consumer("group", AutoOffsetReset.Latest).FetchWaitMaxMs);
        Assert.Equal(5, config.Producer(DeliveryProfile.Durable).LingerMs);
        Assert.Equal("train", config.Admin().SaslUsername);
    }

    private static KafkaClientConfig Config(Dictionary<string, string>? client = null) =>
        new(
            Microsoft.Extensions.Options.Options.Create(new KafkaOptions { ConnectionString = "127.0.0.1:9092", Client = client ?? [] }),
            new HostingEnvironment { ApplicationName = "tests" });
}
