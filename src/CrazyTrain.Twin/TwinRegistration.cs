using CrazyTrain.LegoWireless.Virtual;
using CrazyTrain.Simulation.Scenes;
using CrazyTrain.Twin.Camera;
using CrazyTrain.Twin.HubLink;
using CrazyTrain.Twin.World;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CrazyTrain.Twin;

public static class TwinRegistration
{
    /// <summary>The twin: validated options, the world on its layout, the virtual City hub behind its TCP link, and the clock that moves the train.</summary>
    public static IHostApplicationBuilder AddTwin(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<TwinOptions>()
            .Bind(builder.Configuration.GetSection(TwinOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TwinOptions>, TwinOptionsValidator>();
        services.AddOptions<VirtualHubOptions>()
            .Bind(builder.Configuration.GetSection(VirtualHubOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // Resetting the world to an episode moves the train: an operator action like the controller's and capture's.
        builder.AddOperatorToken();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<TwinOptions>>().Value;
            var style = sp.GetRequiredService<IOptions<CameraOptions>>().Value.Style;
            return new TwinWorld(options.BuildLineside(), options.Motor, options.StartCm, options.EventCapacity, style);
        });
        services.AddSingleton(sp =>
        {
            var hub = new VirtualCityHub(sp.GetRequiredService<IOptions<VirtualHubOptions>>().Value, sp.GetRequiredService<TimeProvider>());
            var orders = sp.GetRequiredService<ILoggerFactory>().CreateLogger("CrazyTrain.VirtualHub");
            var world = sp.GetRequiredService<TwinWorld>();
            var time = sp.GetRequiredService<TimeProvider>();
            hub.OrderPrinted += line =>
            {
                orders.LogInformation("{HubOrder}", line);
                // The moment the hub takes a new motor power is where an episode's reaction time ends.
                if (HubOrderLine.MotorPower(line) is { } power)
                {
                    world.NoteHubOrder(power, time.GetUtcNow());
                }
            };
            return hub;
        });
        services.AddSingleton<IMotorSource, HubMotorSource>();
        services.AddSingleton<HubLinkServer>();
        services.AddHostedService(sp => sp.GetRequiredService<HubLinkServer>());
        services.AddOptions<CameraOptions>()
            .Bind(builder.Configuration.GetSection(CameraOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(c => SceneStyles.Names.Contains(c.Style), $"{CameraOptions.SectionName}:Style must be one of: {string.Join(", ", SceneStyles.Names)}.")
            .ValidateOnStart();
        services.AddSingleton<CameraFeed>();
        services.AddHostedService<VirtualCamera>();
        services.AddHostedService<TwinClock>();
        return builder;
    }
}
