using System.Text.Json;
using System.Text.Json.Serialization;
using CrazyTrain.Controller.Detections;
using CrazyTrain.Controller.Driving;
using CrazyTrain.Controller.Health;
using CrazyTrain.Controller.Hub;
using CrazyTrain.Controller.Orders;
using CrazyTrain.Controller.Perception;
using CrazyTrain.Controller.Safety;
using CrazyTrain.LegoWireless.BlueZ;
using CrazyTrain.LegoWireless.Client;
using CrazyTrain.LegoWireless.Links;
using CrazyTrain.LegoWireless.Links.Tcp;
using CrazyTrain.LegoWireless.Virtual;
using CrazyTrain.Messaging;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CrazyTrain.Controller;

public static class ControllerRegistration
{
    /// <summary>
    /// The controller: validated options, the driving policy, the hub client over the byte link that
    /// <c>CrazyTrain:Mode</c> chooses (the twin's or an in-process virtual City hub in Simulation, BlueZ in Hardware), the detections
    /// consumer, the order history, telemetry and health checks.
    /// </summary>
    public static IHostApplicationBuilder AddTrainController(this IHostApplicationBuilder builder)
    {
        builder.BindValidated<DrivingOptions>(DrivingOptions.SectionName);
        builder.BindValidated<ControllerOptions>(ControllerOptions.SectionName);
        builder.BindValidated<HubClientOptions>(HubClientOptions.SectionName);
        builder.BindValidated<VirtualHubOptions>(VirtualHubOptions.SectionName);
        builder.BindValidated<TcpHubLinkOptions>(TcpHubLinkOptions.SectionName);
        builder.BindValidated<BlueZLinkOptions>(BlueZLinkOptions.SectionName);
        builder.BindValidated<HeartbeatOptions>(HeartbeatOptions.SectionName);
        builder.AddOperatorToken();

        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ControllerTelemetry>();
        services.AddSingleton<ControllerHeartbeats>();
        services.AddSingleton(sp => new SightingLog(Options<ControllerOptions>(sp).SightingHistorySize));
        services.AddSingleton(sp => new DrivingPolicy(Options<DrivingOptions>(sp), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<SightingLog>()));
        services.AddSingleton(sp => new OrderHistory(Options<ControllerOptions>(sp).OrderHistorySize));
        services.AddSingleton(sp =>
        {
            var hub = new VirtualCityHub(Options<VirtualHubOptions>(sp), sp.GetRequiredService<TimeProvider>());
            var orders = sp.GetRequiredService<ILoggerFactory>().CreateLogger("CrazyTrain.VirtualHub");
            hub.OrderPrinted += line => orders.LogInformation("{HubOrder}", line);
            return hub;
        });
        services.AddSingleton(sp => new HubClient(
            CreateLink(sp),
            Options<HubClientOptions>(sp),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<HubClient>>()));
        services.AddSingleton<EmergencyStopLatch>();
        services.AddSingleton<OrderOutbox>();
        services.AddSingleton<TrainController>();
        // First of the controller's hosted services: a latched emergency stop holds before anything can drive.
        services.AddHostedService<LatchRestorer>();
        services.AddHostedService<PolicyTicker>();
        services.AddHostedService<HubDriver>();
        services.AddHostedService<HubTelemetryPublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<OrderOutbox>());
        // Never replays: a group of its own per start, reading from the end (DetectionSubscription).
        builder.AddTopicConsumer<DetectionHandler>(Topics.Detections, DetectionSubscription.GroupForThisStart(builder.Environment.ApplicationName));
        builder.ReportBrokerTroubleAsDegraded();

        services.AddHealthChecks()
            .AddCheck<HubHealthCheck>("hub", tags: ["ready"])
            .AddCheck<PerceptionHealthCheck>("perception", tags: ["ready"])
            .AddCheck<OrderDeliveryHealthCheck>("orders", tags: ["ready"])
            // On /alive: the hub guard and the liveness probe see a stalled loop, not only a dead process.
            .AddCheck<LoopLivenessCheck>("loops", tags: ["live"]);

        services.ConfigureHttpJsonOptions(json =>
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower)));
        return builder;
    }

    /// <summary>
    /// Hardware talks bytes to BlueZ; Simulation to the twin's hub over TCP when <c>CrazyTrain:TwinHub:Endpoint</c> is
    /// set (the AppHost sets it), else to an in-process virtual hub. The client above cannot tell.
    /// </summary>
    private static IHubLink CreateLink(IServiceProvider services) =>
        (Options<TrainModeOptions>(services).Mode, Options<TcpHubLinkOptions>(services)) switch
        {
            (TrainMode.Hardware, _) => new BlueZHubLink(
                Options<BlueZLinkOptions>(services),
                services.GetRequiredService<TimeProvider>(),
                services.GetRequiredService<ILogger<BlueZHubLink>>()),
            (_, { Configured: true } twin) => new TcpHubLink(new Uri(twin.Endpoint!)),
            _ => new VirtualHubLink(services.GetRequiredService<VirtualCityHub>()),
        };

    private static void BindValidated<T>(this IHostApplicationBuilder builder, string section) where T : class =>
        builder.Services.AddOptions<T>()
            .Bind(builder.Configuration.GetSection(section))
            .ValidateDataAnnotations()
            .ValidateOnStart();

    private static T Options<T>(IServiceProvider services) where T : class =>
        services.GetRequiredService<IOptions<T>>().Value;
}
