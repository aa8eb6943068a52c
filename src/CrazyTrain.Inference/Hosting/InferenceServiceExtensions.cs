using CrazyTrain.Inference.Detections;
using CrazyTrain.Inference.Frames;
using CrazyTrain.Messaging;
using CrazyTrain.SignModel.Detections;
using CrazyTrain.SignModel.Metadata;
using CrazyTrain.SignModel.Runtime;
using Microsoft.Extensions.Options;

namespace CrazyTrain.Inference.Hosting;

public static class InferenceServiceExtensions
{
    /// <summary>
    /// The detector with its model, metrics, health check and hot swap. The model is loaded while the host
    /// starts, so an unusable file stops start-up with a message naming it.
    /// </summary>
    public static IHostApplicationBuilder AddSignDetection(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<InferenceOptions>()
            .Bind(builder.Configuration.GetSection(InferenceOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new InferenceMetrics(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<InferenceOptions>>().Value;
            return new ExecutionProviderChain(
                options.EffectiveExecutionProviders,
                options.IntraOpThreads,
                sp.GetRequiredService<ILoggerFactory>().CreateLogger("CrazyTrain.Inference.ExecutionProviders"));
        });
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<InferenceOptions>>().Value;
            var metrics = sp.GetRequiredService<InferenceMetrics>();
            var runtime = ModelRuntime.Load(ModelLocator.Resolve(options.ModelPath), sp.GetRequiredService<ExecutionProviderChain>());
            // HTTP requests get a CPU copy of the model of their own: they never hold the live frames' lane or the GPU.
            var requestProviders = ExecutionProviderChain.CpuOnly(options.IntraOpThreads);
            var detector = new SignDetector(runtime, path => ModelRuntime.Load(path, requestProviders));
            metrics.ExecutionProvider = runtime.Model.ExecutionProvider;
            detector.Swapped += next => metrics.ExecutionProvider = next.Model.ExecutionProvider;
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("CrazyTrain.Inference")
                .LogInformation(
                    "Model {Name} {Version} loaded from {File} on {Provider}: {Width}x{Height} input, {Labels} labels, threshold {Threshold}",
                    runtime.Identity.Name, runtime.Identity.Version, runtime.Model.FilePath, runtime.Model.ExecutionProvider,
                    runtime.Model.Card.Input.Width, runtime.Model.Card.Input.Height, runtime.Model.Card.Labels.Count,
                    options.Threshold ?? runtime.Model.Card.Threshold);
            return detector;
        });

        services.AddSingleton<ModelSwapStatus>();
        services.AddHostedService<ModelStartup>();
        if (builder.Configuration.GetValue($"{InferenceOptions.SectionName}:{nameof(InferenceOptions.WatchModel)}", true))
        {
            services.AddHostedService<ModelFileWatcher>();
        }

        services.AddHealthChecks().AddCheck<ModelHealthCheck>("model");
        return builder;
    }

    /// <summary>
    /// The live loop from <c>train.frames</c> to <c>train.detections</c> over Kafka, with the messaging
    /// library's consumer, producer and broker health check. Off when <c>Inference:ConsumeFrames</c> is
    /// false: the service then serves only its HTTP API (a model server without a broker, and the tests).
    /// </summary>
    public static IHostApplicationBuilder AddFrameConsumer(this IHostApplicationBuilder builder)
    {
        if (!builder.Configuration.GetValue($"{InferenceOptions.SectionName}:{nameof(InferenceOptions.ConsumeFrames)}", true))
        {
            return builder;
        }

        builder.AddTrainMessaging();
        builder.Services.AddSingleton<KafkaFrameFeed>();
        builder.Services.AddSingleton<IFrameFeed>(sp => sp.GetRequiredService<KafkaFrameFeed>());
        builder.Services.AddSingleton<IDetectionPublisher, KafkaDetectionPublisher>();
        builder.AddTopicConsumer<KafkaFrameFeed>(Topics.Frames);
        builder.Services.AddFramePipeline();
        return builder;
    }

    /// <summary>
    /// The latest-frame loop alone; needs an <see cref="IFrameFeed"/> and an <see cref="IDetectionPublisher"/>
    /// registered (Kafka in the service, in-memory ones in tests and the benchmark).
    /// </summary>
    public static IServiceCollection AddFramePipeline(this IServiceCollection services)
    {
        services.AddHostedService<FramePipeline>();
        return services;
    }
}
