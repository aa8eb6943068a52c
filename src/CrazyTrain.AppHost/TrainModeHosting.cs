using Microsoft.Extensions.Hosting;

namespace CrazyTrain.AppHost;

/// <summary>
/// <c>CrazyTrain:Mode</c> decides stand-ins (<c>Simulation</c>, the default) versus real devices (<c>Hardware</c>).
/// The AppHost reads it once and hands the same value to every service.
/// </summary>
public static class TrainModeHosting
{
    public const string Setting = "CrazyTrain:Mode";

    public static TrainMode GetTrainMode(this IDistributedApplicationBuilder builder)
    {
        var raw = builder.Configuration[Setting];
        if (string.IsNullOrWhiteSpace(raw))
        {
            return TrainMode.Simulation;
        }

        return Enum.TryParse<TrainMode>(raw, ignoreCase: true, out var mode) && Enum.IsDefined(mode)
            ? mode
            : throw new DistributedApplicationException(
                $"{Setting} is '{raw}'; expected one of: {string.Join(", ", Enum.GetNames<TrainMode>())}.");
    }

    public static IResourceBuilder<T> WithTrainMode<T>(this IResourceBuilder<T> resource, TrainMode mode)
        where T : IResourceWithEnvironment =>
        resource.WithEnvironment("CrazyTrain__Mode", mode.ToString());
}
