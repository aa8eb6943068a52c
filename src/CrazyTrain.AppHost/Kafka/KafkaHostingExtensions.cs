using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CrazyTrain.AppHost.Kafka;

/// <summary>
/// <c>AddKafka</c> with the shape of Aspire.Hosting.Kafka (not served on our package mirror), plus the choice of
/// broker per environment through <c>Kafka:Broker</c>: <c>Embedded</c> (default when running), <c>Container</c> or
/// <c>External</c>. Publishing always describes a broker the edge can run, unless the broker is External.
/// </summary>
public static class KafkaHostingExtensions
{
    public const string BrokerSetting = "Kafka:Broker";

    public static IResourceBuilder<IResourceWithConnectionString> AddKafka(this IDistributedApplicationBuilder builder, string name)
    {
        var kind = builder.GetKafkaBrokerKind();
        return (kind, builder.ExecutionContext.IsPublishMode) switch
        {
            (KafkaBrokerKind.External, _) => builder.AddExternalKafka(name),
            (_, true) => builder.AddEdgeKafka(name),
            (KafkaBrokerKind.Container, false) => builder.AddKafkaContainer(name),
            _ => builder.AddEmbeddedKafka(name),
        };
    }

    public static KafkaBrokerKind GetKafkaBrokerKind(this IDistributedApplicationBuilder builder)
    {
        var raw = builder.Configuration[BrokerSetting];
        if (string.IsNullOrWhiteSpace(raw))
        {
            return KafkaBrokerKind.Embedded;
        }

        return Enum.TryParse<KafkaBrokerKind>(raw, ignoreCase: true, out var kind) && Enum.IsDefined(kind)
            ? kind
            : throw new DistributedApplicationException(
                $"{BrokerSetting} is '{raw}'; expected one of: {string.Join(", ", Enum.GetNames<KafkaBrokerKind>())}.");
    }

    /// <summary>The confluent-local container, configured as Aspire.Hosting.Kafka does for a developer machine.</summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddKafkaContainer(this IDistributedApplicationBuilder builder, string name)
    {
        var kafka = new KafkaServerResource(name);
        return builder.AddResource(kafka)
            .WithImage(KafkaImages.ConfluentLocal, KafkaImages.ConfluentLocalTag)
            .WithImageRegistry(KafkaImages.Registry)
            .WithEndpoint(targetPort: 9092, name: KafkaServerResource.PrimaryEndpointName)
            .WithEndpoint(targetPort: 9093, name: KafkaServerResource.InternalEndpointName)
            .WithEnvironment(context =>
            {
                context.EnvironmentVariables["KAFKA_LISTENERS"] =
                    "PLAINTEXT://localhost:29092,CONTROLLER://localhost:29093,PLAINTEXT_HOST://0.0.0.0:9092,PLAINTEXT_INTERNAL://0.0.0.0:9093";
                context.EnvironmentVariables["KAFKA_LISTENER_SECURITY_PROTOCOL_MAP"] =
                    "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,PLAINTEXT_HOST:PLAINTEXT,PLAINTEXT_INTERNAL:PLAINTEXT";
                context.EnvironmentVariables["KAFKA_ADVERTISED_LISTENERS"] = ReferenceExpression.Create(
                    $"PLAINTEXT://localhost:29092,PLAINTEXT_HOST://localhost:{kafka.PrimaryEndpoint.Property(EndpointProperty.Port)},PLAINTEXT_INTERNAL://{kafka.Name}:9093");
            })
            .WithBrokerHealthCheck(builder)
            .AsConnectionString();
    }

    /// <summary>
    /// What the edge runs: Apache Kafka, single-node KRaft, data on a volume, advertised under the resource's
    /// name so the other pods reach it through the Service of the same name.
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddEdgeKafka(this IDistributedApplicationBuilder builder, string name)
    {
        var kafka = new KafkaServerResource(name);
        return builder.AddResource(kafka)
            .WithImage(KafkaImages.ApacheKafka, KafkaImages.ApacheKafkaTag)
            .WithImageRegistry(KafkaImages.Registry)
            .WithEndpoint(targetPort: 9092, port: 9092, name: KafkaServerResource.PrimaryEndpointName)
            .WithEnvironment("KAFKA_NODE_ID", "1")
            .WithEnvironment("KAFKA_PROCESS_ROLES", "broker,controller")
            .WithEnvironment("KAFKA_LISTENERS", "PLAINTEXT://:9092,CONTROLLER://:9093")
            .WithEnvironment("KAFKA_ADVERTISED_LISTENERS", $"PLAINTEXT://{name}:9092")
            .WithEnvironment("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER")
            .WithEnvironment("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT")
            .WithEnvironment("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@localhost:9093")
            .WithEnvironment("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
            .WithEnvironment("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
            .WithEnvironment("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
            .WithEnvironment("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
            .WithEnvironment("KAFKA_NUM_PARTITIONS", "1")
            .WithEnvironment("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true")
            // Frames are worthless after seconds; keep an hour so disk use on the Jetson stays small.
            .WithEnvironment("KAFKA_LOG_RETENTION_MS", "3600000")
            .WithEnvironment("KAFKA_LOG_DIRS", "/var/lib/kafka/data")
            .WithVolume("kafka-data", "/var/lib/kafka/data")
            .AsConnectionString();
    }

    /// <summary>An existing cluster: its connection string is a parameter (a secret in deployments).</summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddExternalKafka(this IDistributedApplicationBuilder builder, string name) =>
        builder.AddConnectionString(name);

    /// <summary>
    /// The development broker inside the AppHost, labelled as such. It starts when the orchestrator initialises the
    /// resource, not in <c>BeforeStartEvent</c>: the orchestrator publishes every resource's initial state (health
    /// unknown) after that event, which wiped a health report taken earlier, and Aspire checks a healthy resource
    /// again only 30 s later, so every service that waits for <c>kafka</c> sat idle for up to 30 s
    /// (docs/performance.md, "Start-up"). The services still start after it: they wait for it to be healthy, and
    /// their connection string is known only once it listens.
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddEmbeddedKafka(this IDistributedApplicationBuilder builder, string name)
    {
        var kafka = new EmbeddedKafkaResource(name);
        builder.Services.AddSingleton(_ => kafka.Broker);

        return builder.AddResource(kafka)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "Kafka (embedded development broker)",
                State = KnownResourceStates.Starting,
                Properties = [new("description", "librdkafka mock cluster inside the AppHost; for development and tests only")],
            })
            .OnInitializeResource(StartEmbeddedBrokerAsync)
            .WithBrokerHealthCheck(builder)
            .AsConnectionString();
    }

    private static async Task StartEmbeddedBrokerAsync(EmbeddedKafkaResource kafka, InitializeResourceEvent @event, CancellationToken cancellationToken)
    {
        try
        {
            // Starting blocks until the broker answers: keep it off the orchestrator's thread.
            var address = await Task.Run(() => kafka.Broker.Start(TimeSpan.FromSeconds(10)), cancellationToken);
            await @event.Notifications.PublishUpdateAsync(kafka, state => state with
            {
                State = KnownResourceStates.Running,
                StartTimeStamp = DateTime.UtcNow,
                Properties = [.. state.Properties, new("kafka.bootstrap", address), new("broker", "librdkafka mock cluster (development only)")],
            });
        }
        catch (Confluent.Kafka.KafkaException exception)
        {
            // Every service needs the broker: stop the whole run with the reason rather than leave them waiting.
            await @event.Notifications.PublishUpdateAsync(kafka, state => state with { State = KnownResourceStates.FailedToStart });
            @event.Logger.LogCritical("The embedded Kafka broker did not start: {Reason}", exception.Message);
            @event.Services.GetRequiredService<ILogger<EmbeddedKafkaResource>>()
                .LogCritical("The embedded Kafka broker did not start: {Reason}. Stopping.", exception.Message);
            @event.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        }
    }

    private static IResourceBuilder<T> WithBrokerHealthCheck<T>(this IResourceBuilder<T> resource, IDistributedApplicationBuilder builder)
        where T : IResourceWithConnectionString
    {
        var key = $"{resource.Resource.Name}_broker_check";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            key,
            _ => new KafkaBrokerHealthCheck(resource.Resource),
            failureStatus: default,
            tags: default,
            timeout: TimeSpan.FromSeconds(5)));
        return resource.WithHealthCheck(key);
    }

    private static IResourceBuilder<IResourceWithConnectionString> AsConnectionString<T>(this IResourceBuilder<T> resource)
        where T : IResourceWithConnectionString =>
        (IResourceBuilder<IResourceWithConnectionString>)resource;
}
