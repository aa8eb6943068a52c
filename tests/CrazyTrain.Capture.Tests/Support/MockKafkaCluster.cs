using Confluent.Kafka;

namespace CrazyTrain.Capture.Tests.Support;

/// <summary>
/// librdkafka's mock cluster: a real Kafka-protocol listener on 127.0.0.1, held open by an admin client. One
/// per test run; every test uses its own consumer group and reads only what it produced.
/// </summary>
internal static class MockKafkaCluster
{
    private static readonly Lazy<(IAdminClient Holder, string Bootstrap)> Cluster = new(() =>
    {
        var holder = new AdminClientBuilder(new AdminClientConfig(new Dictionary<string, string>
            {
                ["bootstrap.servers"] = "127.0.0.1:0",
                ["test.mock.num.brokers"] = "1",
            }))
            .SetLogHandler((_, _) => { })
            .Build();
        var broker = holder.GetMetadata(TimeSpan.FromSeconds(10)).Brokers.Single();
        return (holder, $"{broker.Host}:{broker.Port}");
    });

    public static string BootstrapServers => Cluster.Value.Bootstrap;
}
