using Confluent.Kafka;
using CrazyTrain.Messaging;

namespace CrazyTrain.Testing;

/// <summary>
/// librdkafka's mock cluster: a real Kafka-protocol listener on 127.0.0.1 (CrazyTrain.Messaging's development
/// broker). A test class can own one, or share <see cref="Shared"/> when every test uses its own consumer group
/// and reads only what it produced.
/// </summary>
public sealed class MockBroker : IDisposable
{
    private static readonly Lazy<MockBroker> SharedBroker = new(() => new MockBroker());
    private readonly DevelopmentKafkaCluster _cluster = DevelopmentKafkaCluster.Start();

    /// <summary>One broker for the whole test run, never disposed.</summary>
    public static MockBroker Shared => SharedBroker.Value;

    public string BootstrapServers => _cluster.BootstrapServers;

    public IProducer<string, byte[]> CreateProducer() =>
        new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = BootstrapServers, LingerMs = 0 })
            .SetLogHandler((_, _) => { })
            .Build();

    public void Dispose() => _cluster.Dispose();
}
