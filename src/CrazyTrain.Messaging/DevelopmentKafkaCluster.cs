using Confluent.Kafka;

namespace CrazyTrain.Messaging;

/// <summary>
/// librdkafka's mock cluster, held open by an admin client: a real Kafka-protocol listener on 127.0.0.1 that
/// other processes can produce to and consume from. It is librdkafka's test broker, for development and
/// tests only. The AppHost's embedded broker, the tests and the benchmarks all start it through here.
/// </summary>
public sealed class DevelopmentKafkaCluster : IDisposable
{
    private readonly IAdminClient _holder;

    private DevelopmentKafkaCluster(IAdminClient holder, string bootstrapServers)
    {
        _holder = holder;
        BootstrapServers = bootstrapServers;
    }

    /// <summary>The listener's address, <c>127.0.0.1:port</c>.</summary>
    public string BootstrapServers { get; }

    /// <summary>The client that holds the cluster open: tests reach librdkafka's fault injection through it (broker down and up).</summary>
    public Handle Handle => _holder.Handle;

    /// <summary>Starts a one-broker cluster and waits until it answers with its address.</summary>
    public static DevelopmentKafkaCluster Start(TimeSpan? timeout = null)
    {
        var holder = new AdminClientBuilder(new AdminClientConfig(new Dictionary<string, string>
        {
            ["bootstrap.servers"] = "127.0.0.1:0",
            ["test.mock.num.brokers"] = "1",
            ["client.id"] = "crazytrain-development-cluster",
        })).SetLogHandler((_, _) => { }).Build();
        try
        {
            var broker = holder.GetMetadata(timeout ?? TimeSpan.FromSeconds(10)).Brokers.Single();
            return new DevelopmentKafkaCluster(holder, $"{broker.Host}:{broker.Port}");
        }
        catch
        {
            holder.Dispose();
            throw;
        }
    }

    public void Dispose() => _holder.Dispose();
}
