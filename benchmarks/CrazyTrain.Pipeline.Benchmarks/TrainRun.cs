using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace CrazyTrain.Pipeline.Benchmarks;

/// <summary>
/// The whole application as the README runs it (AppHost, Simulation mode, embedded broker), without the
/// dashboard, with capture filming its sample at the requested rate; returned once every service is healthy.
/// </summary>
internal static class TrainRun
{
    public static readonly string[] Services = ["capture", "inference", "controller", "console"];

    public static async Task<(DistributedApplication App, string Kafka)> StartAsync(double fps, CancellationToken cancellationToken)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.CrazyTrain_AppHost>(
            [],
            (options, _) => options.DisableDashboard = true,
            cancellationToken);
        builder.CreateResourceBuilder<ProjectResource>("capture")
            .WithEnvironment("Capture__Fps", fps.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithEnvironment("Capture__FilePlayback", "RealTime");

        var app = await builder.BuildAsync(cancellationToken);
        await app.StartAsync(cancellationToken);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("kafka", cancellationToken);
        foreach (var service in Services)
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(service, cancellationToken);
        }

        var kafka = await app.GetConnectionStringAsync("kafka", cancellationToken)
            ?? throw new InvalidOperationException("The kafka resource has no connection string.");
        return (app, kafka);
    }
}
