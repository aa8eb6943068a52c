using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrazyTrain.Messaging;

public static class MessagingExtensions
{
    /// <summary>Name of the broker's health check in every service's <c>/health</c> report.</summary>
    public const string BrokerHealthCheck = "kafka";

    /// <summary>
    /// Registers the train's Kafka backbone: validated options, one shared producer, telemetry and a
    /// <c>kafka</c> readiness check. Start-up fails with a message naming the setting when the connection
    /// string is missing or malformed; a broker that is down only makes the service unhealthy until it is back.
    /// </summary>
    public static IHostApplicationBuilder AddTrainMessaging(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<KafkaOptions>()
            .Bind(builder.Configuration.GetSection(KafkaOptions.SectionName))
            .PostConfigure(options => options.ConnectionString ??= builder.Configuration.GetConnectionString(KafkaOptions.ConnectionStringName))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<KafkaOptions>, KafkaOptionsValidator>();

        builder.Services.AddSingleton<KafkaClientConfig>();
        builder.Services.AddSingleton<MessagingTelemetry>();
        builder.Services.AddSingleton<ITrainProducer, TrainProducer>();
        builder.Services.AddSingleton<KafkaHealthCheck>();
        builder.Services.AddHealthChecks().AddCheck<KafkaHealthCheck>(BrokerHealthCheck, tags: ["ready"]);
        return builder;
    }

    /// <summary>Consumes <paramref name="topic"/> with <typeparamref name="THandler"/> for the service's lifetime.</summary>
    /// <param name="groupId">Consumer group; defaults to the application name, so replicas share the work.</param>
    public static IHostApplicationBuilder AddTopicConsumer<THandler>(
        this IHostApplicationBuilder builder,
        string topic,
        string? groupId = null,
        AutoOffsetReset offsetReset = AutoOffsetReset.Latest)
        where THandler : class, ITopicHandler
    {
        builder.Services.TryAddSingletonHandler<THandler>();
        var subscription = new TopicSubscription(topic, groupId ?? builder.Environment.ApplicationName, offsetReset);
        builder.Services.AddSingleton<IHostedService>(services => new TopicConsumer<THandler>(
            subscription,
            services.GetRequiredService<THandler>(),
            services.GetRequiredService<KafkaClientConfig>(),
            services.GetRequiredService<MessagingTelemetry>(),
            services.GetRequiredService<ILogger<TopicConsumer<THandler>>>()));
        return builder;
    }

    private static void TryAddSingletonHandler<THandler>(this IServiceCollection services) where THandler : class
    {
        if (!services.Any(descriptor => descriptor.ServiceType == typeof(THandler)))
        {
            services.AddSingleton<THandler>();
        }
    }
}
