using CrazyTrain.Capture.Health;
using CrazyTrain.Capture.Options;
using CrazyTrain.Capture.Pipeline;
using CrazyTrain.Capture.Publishing;
using CrazyTrain.Capture.Sources;
using CrazyTrain.Capture.Status;
using CrazyTrain.Capture.Telemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CrazyTrain.Capture;

public static class CaptureServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates the <c>Capture</c> section and the operator token at start and registers the capture service, its health
    /// check and telemetry. Frames go to Kafka through the messaging library's producer
    /// (<c>AddTrainMessaging</c>); tests swap <see cref="IFramePublisher"/> for an in-memory one.
    /// </summary>
    public static IHostApplicationBuilder AddCapture(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<CaptureOptions>()
            .Bind(builder.Configuration.GetSection(CaptureOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CaptureOptions>, CaptureOptionsValidator>());
        builder.AddOperatorToken();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IFrameSourceFactory, FrameSourceFactory>();
        services.TryAddSingleton<IFramePublisher, KafkaFramePublisher>();
        services.AddSingleton<FrameIdGenerator>();
        services.AddSingleton<CaptureStatistics>();
        services.AddSingleton<CaptureMetrics>();
        services.AddSingleton<LatestFrame>();
        services.AddSingleton<CaptureService>();
        services.AddHostedService(provider => provider.GetRequiredService<CaptureService>());

        services.AddHealthChecks().AddCheck<CaptureHealthCheck>(CaptureHealthCheck.Name);
        return builder;
    }
}
