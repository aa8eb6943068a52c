using Confluent.Kafka;
using CrazyTrain.Messaging;

namespace CrazyTrain.Console.Tests.Support;

/// <summary>A real Kafka-protocol endpoint for tests: librdkafka's mock cluster on loopback.</summary>
public sealed class MockBroker : IDisposable
{
    private readonly DevelopmentKafkaCluster _cluster = DevelopmentKafkaCluster.Start();

    public string BootstrapServers => _cluster.BootstrapServers;

    public IProducer<string, byte[]> CreateProducer() =>
        new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = BootstrapServers, LingerMs = 0 })
            .SetLogHandler((_, _) => { })
            .Build();

    public void Dispose() => _cluster.Dispose();
}
