using Microsoft.Extensions.Options;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>Whether the train's devices are stand-ins (video file, virtual hub) or the real camera and hub.</summary>
public enum TrainMode
{
    Simulation,
    Hardware,
}

/// <summary>The <c>CrazyTrain</c> configuration section every service shares.</summary>
public sealed class TrainModeOptions
{
    public const string SectionName = "CrazyTrain";

    [Required]
    public TrainMode Mode { get; set; } = TrainMode.Simulation;
}

public static class TrainModeExtensions
{
    /// <summary>
    /// Binds <c>CrazyTrain:Mode</c> and fails start-up with a message naming the setting when its value is
    /// not one of <see cref="TrainMode"/>'s names.
    /// </summary>
    public static TBuilder AddTrainMode<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<TrainModeOptions>()
            .Configure(options =>
            {
                var raw = builder.Configuration[$"{TrainModeOptions.SectionName}:Mode"];
                if (string.IsNullOrWhiteSpace(raw))
                {
                    return;
                }

                if (!Enum.TryParse<TrainMode>(raw, ignoreCase: true, out var mode) || !Enum.IsDefined(mode))
                {
                    throw new OptionsValidationException(
                        nameof(TrainModeOptions),
                        typeof(TrainModeOptions),
                        [$"CrazyTrain:Mode is '{raw}'; expected one of: {string.Join(", ", Enum.GetNames<TrainMode>())}."]);
                }

                options.Mode = mode;
            })
            .ValidateOnStart();
        return builder;
    }
}
