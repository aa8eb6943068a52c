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

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["bootstrapServers"] = config.BootstrapServers };
        try
        {
            // GetMetadata blocks; keep the probe thread free.
            var metadata = await Task.Run(() => _admin.Value.GetMetadata(options.Value.HealthTimeout), cancellationToken);
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

    public void Dispose()
    {
        if (_admin.IsValueCreated)
        {
            _admin.Value.Dispose();
        }
    }
}
