using CrazyTrain.Messaging;

namespace CrazyTrain.Capture.Tests.Support;

/// <summary>
/// librdkafka's mock cluster: a real Kafka-protocol listener on 127.0.0.1, held open by an admin client. One
/// per test run; every test uses its own consumer group and reads only what it produced.
/// </summary>
internal static class MockKafkaCluster
{
    private static readonly Lazy<DevelopmentKafkaCluster> Cluster = new(() => DevelopmentKafkaCluster.Start());

    public static string BootstrapServers => Cluster.Value.BootstrapServers;
}
