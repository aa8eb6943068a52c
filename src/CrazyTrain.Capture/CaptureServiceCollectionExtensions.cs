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
            .PostConfigure<IOptions<TrainModeOptions>>((options, trainMode) => ApplyModeDefaults(options, trainMode.Value.Mode))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CaptureOptions>, CaptureOptionsValidator>());
        builder.AddOperatorToken();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IFrameSourceFactory, FrameSourceFactory>();
        services.TryAddSingleton<IFramePublisher, KafkaFramePublisher>();
        services.AddSingleton<FrameIdGenerator>();
        services.AddSingleton<CaptureStatistics>();
        services.AddSingleton<CaptureMetrics>();
        services.AddSingleton<LastPublishedFrame>();
        services.AddSingleton<CaptureService>();
        services.AddHostedService(provider => provider.GetRequiredService<CaptureService>());

        services.AddHealthChecks().AddCheck<CaptureHealthCheck>(CaptureHealthCheck.Name);
        return builder;
    }

    /// <summary>
    /// Simulation stands in for the train's 30 frames/s camera: a video file (the samples are rendered at 10 fps)
    /// keeps its own speed and is filmed at 30 frames/s, so the whole pipeline runs at the camera's real rate.
    /// A live source keeps its own rate in every mode.
    /// </summary>
    internal static void ApplyModeDefaults(CaptureOptions options, TrainMode mode)
    {
        if (mode == TrainMode.Simulation && options.Fps is null && PlaysAFile(options))
        {
            options.Fps = CaptureOptions.SimulationFps;
            options.FilePlayback ??= FilePlayback.RealTime;
        }

        options.FilePlayback ??= FilePlayback.EachFrameOnce;
    }

    private static bool PlaysAFile(CaptureOptions options)
    {
        FrameSourceSpec.TryParseKind(options.Kind, out var kind);
        return (kind ?? (string.IsNullOrWhiteSpace(options.Source) ? FrameSourceKind.File : FrameSourceSpec.GuessKind(options.Source))) == FrameSourceKind.File;
    }
}
