using Confluent.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CrazyTrain.AppHost.Kafka;

/// <summary>Healthy when the broker answers a metadata request; what <c>WaitFor(kafka)</c> waits on.</summary>
internal sealed class KafkaBrokerHealthCheck(IResourceWithConnectionString kafka) : IHealthCheck, IDisposable
{
    private IAdminClient? _admin;
    private string? _connectionString;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var connectionString = await kafka.ConnectionStringExpression.GetValueAsync(cancellationToken);
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                return HealthCheckResult.Unhealthy("The kafka connection string is not known yet.");
            }

            var admin = AdminFor(connectionString);
            var metadata = await Task.Run(() => admin.GetMetadata(TimeSpan.FromSeconds(3)), cancellationToken);
            return metadata.Brokers.Count > 0
                ? HealthCheckResult.Healthy($"{metadata.Brokers.Count} broker(s) answer")
                : HealthCheckResult.Unhealthy("The cluster reports no brokers.");
        }
        catch (KafkaException exception)
        {
            return HealthCheckResult.Unhealthy($"Kafka is not reachable: {exception.Error.Reason}", exception);
        }
    }

    private IAdminClient AdminFor(string connectionString)
    {
        if (_admin is null || _connectionString != connectionString)
        {
            _admin?.Dispose();
            var properties = new Dictionary<string, string>(Messaging.KafkaConnectionString.Parse(connectionString))
            {
                ["client.id"] = "crazytrain-apphost-health",
            };
            _admin = new AdminClientBuilder(new AdminClientConfig(properties)).SetLogHandler((_, _) => { }).Build();
            _connectionString = connectionString;
        }

        return _admin;
    }

    public void Dispose() => _admin?.Dispose();
}
