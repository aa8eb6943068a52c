using Microsoft.Extensions.Options;

namespace CrazyTrain.Messaging;

/// <summary>
/// How a service reaches the broker. The connection string comes from <c>ConnectionStrings:kafka</c>, which
/// the AppHost sets through <c>WithReference(kafka)</c>; the rest from the <c>Kafka</c> section.
/// </summary>
public sealed class KafkaOptions
{
    public const string SectionName = "Kafka";
    public const string ConnectionStringName = "kafka";

    /// <summary>
    /// Either a bootstrap list (<c>host:port[,host:port]</c>) or librdkafka properties
    /// (<c>bootstrap.servers=...;security.protocol=SASL_SSL;sasl.mechanism=PLAIN;...</c>).
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Names this service to the broker; defaults to the application name.</summary>
    public string? ClientId { get; set; }

    /// <summary>How long a health probe waits for the broker's metadata.</summary>
    public TimeSpan HealthTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How often subscribed topics that do not exist yet are looked for again.</summary>
    public TimeSpan MetadataRefreshInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>SASL and TLS towards the broker (<c>Kafka:Security</c>); over the connection string's own properties.</summary>
    public KafkaSecurityOptions Security { get; set; } = new();

    /// <summary>Extra librdkafka settings (e.g. <c>sasl.username</c>) applied to every client.</summary>
    public Dictionary<string, string> Client { get; set; } = [];
}

internal sealed class KafkaOptionsValidator : IValidateOptions<KafkaOptions>
{
    public ValidateOptionsResult Validate(string? name, KafkaOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail(
                $"ConnectionStrings:{KafkaOptions.ConnectionStringName} is not set. The AppHost sets it with WithReference(kafka); " +
                "outside Aspire set ConnectionStrings__kafka to the broker's bootstrap address (host:port).");
        }

        if (!KafkaConnectionString.TryParse(options.ConnectionString, out _, out var error))
        {
            return ValidateOptionsResult.Fail($"ConnectionStrings:{KafkaOptions.ConnectionStringName} is malformed: {error}");
        }

        return options.Security.Problem(File.Exists) is { } problem
            ? ValidateOptionsResult.Fail(problem)
            : ValidateOptionsResult.Success;
    }
}
