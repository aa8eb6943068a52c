using CrazyTrain.Console.Api;
using CrazyTrain.Console.Kafka;
using CrazyTrain.Console.Live;
using CrazyTrain.Console.Operators;
using CrazyTrain.Console.State;
using CrazyTrain.Console.Upstream;
using CrazyTrain.Messaging;
using Microsoft.Extensions.Options;

namespace CrazyTrain.Console;

/// <summary>Wires the console; shared by Program and the tests that run it on a real port.</summary>
public static class ConsoleHosting
{
    public static WebApplicationBuilder AddTrainConsole(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ConsoleOptions>()
            .Bind(builder.Configuration.GetSection(ConsoleOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ConsoleOptions>, ConsoleOptionsValidator>();
        builder.Services.AddSingleton(TimeProvider.System);

        builder.Services.AddSingleton<EventBroadcaster>();
        builder.Services.AddSingleton<TrainStateHub>();
        builder.Services.AddSingleton<UpstreamServices>();
        builder.Services.AddSingleton<ServicePoller>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ServicePoller>());
        builder.Services.AddHostedService<StreamStatusMonitor>();
        builder.AddOperatorToken();
        builder.Services.AddSingleton<OperatorAccess>();
        builder.Services.AddSingleton<OperatorActionRunner>();

        AddService(builder, UpstreamServices.Capture, options => options.CaptureUrl);
        AddService(builder, UpstreamServices.Inference, options => options.InferenceUrl);
        AddService(builder, UpstreamServices.Controller, options => options.ControllerUrl);
        // Without a twin (Hardware) the relay answers 404 before any client is made; the fallback is never called.
        AddService(builder, TwinRelay.Twin, options => options.TwinUrl ?? new Uri("http://twin"));
        builder.Services.AddSingleton<TwinRelay>();

        builder.AddTrainMessaging();
        builder.ReportBrokerTroubleAsDegraded();
        // Every console process reads every message: a group of its own per topic, never shared with replicas.
        var section = builder.Configuration.GetSection(ConsoleOptions.SectionName);
        var group = $"{section[nameof(ConsoleOptions.ConsumerGroupPrefix)] ?? "console"}-{Environment.MachineName}-{Guid.NewGuid():N}".ToLowerInvariant();
        builder.AddTopicConsumer<FrameHandler>(Topics.Frames, $"{group}-frames");
        builder.AddTopicConsumer<DetectionsHandler>(Topics.Detections, $"{group}-detections");
        builder.AddTopicConsumer<OrderHandler>(Topics.Orders, $"{group}-orders");
        builder.AddTopicConsumer<TelemetryHandler>(Topics.Telemetry, $"{group}-telemetry");
        return builder;
    }

    public static WebApplication MapTrainConsole(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            // The page is small; a browser must never run yesterday's script against today's API.
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache",
        });
        app.MapConsoleEndpoints();
        app.MapTwinEndpoints();
        app.MapLoginEndpoints();
        app.MapDefaultEndpoints();
        return app;
    }

    // The address is read from the validated options when the client is made, not while services are registered,
    // so configuration added late (tests, environment) is honoured.
    private static void AddService(WebApplicationBuilder builder, string name, Func<ConsoleOptions, Uri> baseAddress) =>
        builder.Services.AddHttpClient(name)
            .ConfigureHttpClient((services, client) => client.BaseAddress = baseAddress(services.GetRequiredService<IOptions<ConsoleOptions>>().Value));
}
