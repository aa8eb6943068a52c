using Confluent.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CrazyTrain.Messaging;

/// <summary>
/// Ready when the broker answers a metadata request. Reads only: unlike a produce-based check it writes no
/// junk messages into the train's topics. A broker that does not answer reports the registration's failure
/// status: Unhealthy by default, Degraded where <see cref="BrokerHealthExtensions.ReportBrokerTroubleAsDegraded"/> asks.
/// </summary>
internal sealed class KafkaHealthCheck(KafkaClientConfig config, IOptions<KafkaOptions> options) : IHealthCheck, IDisposable
{
    private readonly Lazy<IAdminClient> _admin = new(() => new AdminClientBuilder(config.Admin()).SetLogHandler((_, _) => { }).Build());
    private readonly Lock _gate = new();
    private Task<Metadata>? _probe;
    private long _probes;

    /// <summary>How many metadata requests the check has sent (probes asked for while one was on its way share it).</summary>
    internal long Probes => Interlocked.Read(ref _probes);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["bootstrapServers"] = config.BootstrapServers };
        try
        {
            var metadata = await Probe().WaitAsync(cancellationToken);
            data["brokers"] = metadata.Brokers.Count;
            return metadata.Brokers.Count > 0
                ? HealthCheckResult.Healthy($"Kafka at {config.BootstrapServers} answers", data)
                : new HealthCheckResult(context.Registration.FailureStatus, $"Kafka at {config.BootstrapServers} reports no brokers", data: data);
        }
        catch (KafkaException exception)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"Kafka at {config.BootstrapServers} is not reachable: {exception.Error.Reason}", exception, data);
        }
    }

    /// <summary>
    /// GetMetadata blocks for up to the health timeout while the broker is away. It runs on its own thread, not a
    /// thread-pool one, and probes that come while one is on its way (liveness, readiness, the console, the AppHost
    /// all ask) wait for that one: otherwise each would hold a pool thread for the whole timeout, and on a small box
    /// the controller's policy clock, which needs the pool, would starve and fail its liveness bound.
    /// </summary>
    private Task<Metadata> Probe()
    {
        lock (_gate)
        {
            if (_probe is null || _probe.IsCompleted)
            {
                Interlocked.Increment(ref _probes);
                var timeout = options.Value.HealthTimeout;
                _probe = Task.Factory.StartNew(
                    () => _admin.Value.GetMetadata(timeout), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            }

            return _probe;
        }
    }

    public void Dispose()
    {
        if (_admin.IsValueCreated)
        {
            _admin.Value.Dispose();
        }
    }
}
