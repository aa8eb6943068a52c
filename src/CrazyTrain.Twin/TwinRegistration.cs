using CrazyTrain.Twin.World;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CrazyTrain.Twin;

public static class TwinRegistration
{
    /// <summary>The twin: validated options, the world on its layout and the clock that moves it.</summary>
    public static IHostApplicationBuilder AddTwin(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<TwinOptions>()
            .Bind(builder.Configuration.GetSection(TwinOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TwinOptions>, TwinOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<TwinOptions>>().Value;
            return new TwinWorld(options.BuildLineside(), options.Motor, options.StartCm, options.EventCapacity);
        });
        services.TryAddSingleton<IMotorSource, NoHub>();
        services.AddHostedService<TwinClock>();
        return builder;
    }

    /// <summary>Until a hub is hosted, nothing drives the motor: it floats.</summary>
    private sealed class NoHub : IMotorSource
    {
        public (sbyte Power, bool Connected) Read() => (0, false);
    }
}
