using CrazyTrain.HubGuard.Cutting;
using CrazyTrain.HubGuard.Watching;
using CrazyTrain.LegoWireless.BlueZ;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CrazyTrain.HubGuard;

public static class HubGuardRegistration
{
    /// <summary>
    /// The guard: validated options, the probe of the controller's <c>/alive</c>, the cutter <c>CrazyTrain:Mode</c>
    /// chooses (BlueZ in Hardware; the twin, with the operator token, in Simulation), the loop and its health.
    /// </summary>
    public static IHostApplicationBuilder AddHubGuard(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<HubGuardOptions>()
            .Bind(builder.Configuration.GetSection(HubGuardOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<BlueZLinkOptions>()
            .Bind(builder.Configuration.GetSection(BlueZLinkOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // An unreadable mode is refused at start by AddTrainMode; here it only decides which settings are required.
        var simulation = !Enum.TryParse<TrainMode>(builder.Configuration["CrazyTrain:Mode"], ignoreCase: true, out var mode) || mode == TrainMode.Simulation;
        if (simulation)
        {
            builder.AddOperatorToken();
            services.AddOptions<HubGuardOptions>().Validate(
                o => o.Twin is not null,
                "CrazyTrain:HubGuard:Twin is not set: in Simulation the guard cuts the link at the twin's hub.");
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<GuardTelemetry>();
        services.AddSingleton(sp => new DeadMan(Options<HubGuardOptions>(sp), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new ControllerProbe(
            NewHttpClient(),
            new Uri(new Uri(Options<HubGuardOptions>(sp).Controller!), Extensions.AlivenessEndpointPath)));
        services.AddSingleton<ILinkCutter>(sp => simulation
            ? new TwinLinkCutter(NewHttpClient(), new Uri(Options<HubGuardOptions>(sp).Twin!), sp.GetRequiredService<OperatorToken>().Value)
            : new BlueZLinkCutter(Options<BlueZLinkOptions>(sp)));
        services.AddSingleton<DeadManGuard>();
        services.AddHostedService(sp => sp.GetRequiredService<DeadManGuard>());
        services.AddHealthChecks().AddCheck<GuardHealthCheck>("guard", tags: ["ready"]);
        return builder;
    }

    /// <summary>A plain client: no retries, no pooled connection kept for minutes to a process that may be frozen.</summary>
    private static HttpClient NewHttpClient() => new(new SocketsHttpHandler
    {
        ConnectTimeout = TimeSpan.FromSeconds(1),
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(5),
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    private static T Options<T>(IServiceProvider services) where T : class =>
        services.GetRequiredService<IOptions<T>>().Value;
}
