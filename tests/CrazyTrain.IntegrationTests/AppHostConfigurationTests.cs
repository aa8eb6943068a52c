using Aspire.Hosting;

namespace CrazyTrain.IntegrationTests;

/// <summary>Bad settings stop the AppHost at once with a message naming the setting, never a silent hang.</summary>
public sealed class AppHostConfigurationTests
{
    [Theory]
    [InlineData("--Kafka:Broker=Zookeeper", "Kafka:Broker")]
    [InlineData("--CrazyTrain:Mode=Turbo", "CrazyTrain:Mode")]
    [InlineData("--CrazyTrain:SimulationCamera=webcam", "CrazyTrain:SimulationCamera")]
    public async Task An_unknown_setting_value_is_rejected_by_name(string argument, string setting)
    {
        var exception = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.CrazyTrain_AppHost>([argument]);
            await using var app = await builder.BuildAsync();
        });

        Assert.Contains(setting, Flatten(exception), StringComparison.Ordinal);
    }

    private static string Flatten(Exception exception) =>
        exception.InnerException is null ? exception.Message : exception.Message + " | " + Flatten(exception.InnerException);
}
