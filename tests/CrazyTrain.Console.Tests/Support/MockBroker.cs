using Confluent.Kafka;

namespace CrazyTrain.Console.Tests.Support;

/// <summary>A real Kafka-protocol endpoint for tests: librdkafka's mock cluster on loopback.</summary>
public sealed class MockBroker : IDisposable
{
    private readonly IAdminClient _cluster;

    public MockBroker()
    {
        _cluster = new AdminClientBuilder(new AdminClientConfig(new Dictionary<string, string>
        {
            ["bootstrap.servers"] = "127.0.0.1:0",
            ["test.mock.num.brokers"] = "1",
        })).SetLogHandler((_, _) => { }).Build();
        var broker = _cluster.GetMetadata(TimeSpan.FromSeconds(10)).Brokers.Single();
        BootstrapServers = $"{broker.Host}:{broker.Port}";
    }

    public string BootstrapServers { get; }

    public IProducer<string, byte[]> CreateProducer() =>
        new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = BootstrapServers, LingerMs = 0 })
            .SetLogHandler((_, _) => { })
            .Build();

    public void Dispose() => _cluster.Dispose();
}
