using Aspire.Hosting;
using CrazyTrain.AppHost.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CrazyTrain.IntegrationTests;

/// <summary>
/// The embedded broker's health, once reported, holds through the app's start. It used to be taken before the
/// orchestrator published every resource's initial state, which wiped it; Aspire asks a healthy resource again only
/// after 30 s, so every service waiting for <c>kafka</c> started up to 30 s late (docs/performance.md, "Start-up").
/// </summary>
public sealed class EmbeddedKafkaStartTests
{
    [Fact]
    public async Task Once_healthy_the_embedded_broker_stays_healthy_while_the_app_starts()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        // The AppHost as the README runs it, with only its broker: the services are not what this test is about.
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.CrazyTrain_AppHost>(
            [], (options, _) => options.DisableDashboard = true, timeout.Token);
        foreach (var other in builder.Resources.Where(resource => resource.Name != "kafka").ToList())
        {
            builder.Resources.Remove(other);
        }

        Assert.IsType<EmbeddedKafkaResource>(Assert.Single(builder.Resources));
        await using var app = await builder.BuildAsync(timeout.Token);

        var health = new List<HealthStatus?>();
        using var watch = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
        var watching = RecordHealthAsync(app, health, watch.Token);

        await app.StartAsync(timeout.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("kafka", timeout.Token);
        await app.StopAsync(timeout.Token);
        await watch.CancelAsync();
        await watching;

        List<HealthStatus?> afterFirstHealthy;
        lock (health)
        {
            afterFirstHealthy = health.SkipWhile(status => status != HealthStatus.Healthy).ToList();
        }

        Assert.NotEmpty(afterFirstHealthy);
        Assert.All(afterFirstHealthy, status => Assert.Equal(HealthStatus.Healthy, status));
    }

    private static async Task RecordHealthAsync(DistributedApplication app, List<HealthStatus?> health, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var update in app.ResourceNotifications.WatchAsync(cancellationToken))
            {
                if (update.Resource.Name == "kafka")
                {
                    lock (health)
                    {
                        health.Add(update.Snapshot.HealthStatus);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The test has seen what it needs.
        }
    }
}
