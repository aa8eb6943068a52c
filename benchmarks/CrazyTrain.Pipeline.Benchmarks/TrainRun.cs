using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrazyTrain.Pipeline.Benchmarks;

/// <summary>
/// The whole application as the README runs it (AppHost, Simulation mode, embedded broker), without the
/// dashboard, with capture filming its sample at the requested rate; returned once every service is healthy.
/// </summary>
internal static class TrainRun
{
    public static readonly string[] Services = ["capture", "inference", "controller", "console"];

    public static async Task<StartedTrain> StartAsync(
        double fps, IReadOnlyDictionary<string, string> client, IReadOnlyList<ServiceEnvironment> environment, CancellationToken cancellationToken)
    {
        // Its own operator token and controller state (emergency-stop latch), so a run never shares either with
        // a developer's own run of the train.
        var stateFolder = Directory.CreateTempSubdirectory("crazytrain-pipeline-benchmark-").FullName;
        var operatorToken = Guid.NewGuid().ToString("N");
        var rate = fps.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // The twin's camera renders at the rate capture films at (its default is 10 frames/s, its limit 60).
        var twinRate = Math.Min(fps, 60).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.CrazyTrain_AppHost>(
            [$"--Parameters:operator-token={operatorToken}", $"--CrazyTrain:StateFolder={stateFolder}", $"--CrazyTrain:Twin:Camera:FramesPerSecond={twinRate}"],
            (options, _) => options.DisableDashboard = true,
            cancellationToken);
        // The services' own logs stay in their processes; this console shows the measurement.
        builder.Services.AddLogging(logging => logging
            .AddFilter("CrazyTrain.AppHost.Resources", LogLevel.Warning)
            .AddFilter("Aspire.Hosting", LogLevel.Warning)
            .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None));
        builder.CreateResourceBuilder<ProjectResource>("capture")
            .WithEnvironment("Capture__Fps", rate)
            .WithEnvironment("Capture__FilePlayback", "RealTime");

        foreach (var service in Services)
        {
            foreach (var (key, value) in client)
            {
                builder.CreateResourceBuilder<ProjectResource>(service).WithEnvironment($"Kafka__Client__{key}", value);
            }
        }

        foreach (var variable in environment)
        {
            if (!Services.Contains(variable.Service))
            {
                throw new ArgumentException($"--env names '{variable.Service}'; the services are {string.Join(", ", Services)}.");
            }

            builder.CreateResourceBuilder<ProjectResource>(variable.Service).WithEnvironment(variable.Key, variable.Value);
        }

        var app = await builder.BuildAsync(cancellationToken);
        await app.StartAsync(cancellationToken);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("kafka", cancellationToken);
        foreach (var service in Services)
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(service, cancellationToken);
        }

        var kafka = await app.GetConnectionStringAsync("kafka", cancellationToken)
            ?? throw new InvalidOperationException("The kafka resource has no connection string.");
        return new StartedTrain(
            app,
            kafka,
            Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "..")),
            operatorToken,
            app.GetEndpoint("twin", "http"),
            app.GetEndpoint("controller", "http"));
    }
}

/// <summary>The running application and what the measurement needs to reach it.</summary>
internal sealed record StartedTrain(DistributedApplication App, string Kafka, string RepositoryRoot, string OperatorToken, Uri Twin, Uri Controller);
