using CrazyTrain.Messaging;

namespace CrazyTrain.AppHost.Kafka;

/// <summary>
/// librdkafka's mock cluster, held open by an admin client inside the AppHost process. It serves the Kafka
/// protocol on 127.0.0.1 to the other processes (produce, fetch, consumer groups) and keeps memory bounded by
/// pruning old message sets. It is librdkafka's test broker: a development stand-in, never a production broker.
/// </summary>
internal sealed class EmbeddedKafkaBroker : IValueProvider, IManifestExpressionProvider, IDisposable
{
    private readonly TaskCompletionSource<string> _bootstrapServers = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DevelopmentKafkaCluster? _cluster;

    /// <summary>Never published: in publish mode AddKafka describes a real broker instead.</summary>
    public string ValueExpression => "{embedded-kafka.bootstrapServers}";

    public bool IsStarted => _bootstrapServers.Task.IsCompletedSuccessfully;

    /// <summary>The running cluster, for the fault suite that takes the broker down (null until started).</summary>
    internal DevelopmentKafkaCluster? Cluster => _cluster;

    /// <summary>Starts the cluster and returns its bootstrap address (host:port on loopback).</summary>
    public string Start(TimeSpan timeout)
    {
        if (_cluster is not null)
        {
            return _bootstrapServers.Task.Result;
        }

        _cluster = DevelopmentKafkaCluster.Start(timeout);
        _bootstrapServers.TrySetResult(_cluster.BootstrapServers);
        return _cluster.BootstrapServers;
    }

    public async ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default) =>
        await _bootstrapServers.Task.WaitAsync(cancellationToken);

    public void Dispose()
    {
        _cluster?.Dispose();
        _cluster = null;
    }
}
