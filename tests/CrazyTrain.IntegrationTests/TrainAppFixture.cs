using Aspire.Hosting;
using Confluent.Kafka;

namespace CrazyTrain.IntegrationTests;

/// <summary>
/// Starts the whole AppHost once for all integration tests, as the README's run command does (Simulation mode,
/// embedded broker), minus the dashboard, and waits until every resource is healthy.
/// </summary>
public sealed class TrainAppFixture : IAsyncLifetime
{
    public static readonly string[] Services = ["capture", "inference", "controller"];

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    public DistributedApplication App { get; private set; } = null!;

    public string KafkaBootstrapServers { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.CrazyTrain_AppHost>(
            [],
            (options, _) => options.DisableDashboard = true);

        App = await builder.BuildAsync();
        using var timeout = new CancellationTokenSource(StartTimeout);
        await App.StartAsync(timeout.Token);

        await App.ResourceNotifications.WaitForResourceHealthyAsync("kafka", timeout.Token);
        foreach (var service in Services)
        {
            await App.ResourceNotifications.WaitForResourceHealthyAsync(service, timeout.Token);
        }

        KafkaBootstrapServers = await App.GetConnectionStringAsync("kafka", timeout.Token)
            ?? throw new InvalidOperationException("The kafka resource has no connection string.");
    }

    /// <summary>A consumer of the app's broker in a group of its own, reading what is published from now on.</summary>
    public IConsumer<string, byte[]> CreateConsumer(params string[] topics)
    {
        var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = KafkaBootstrapServers,
            GroupId = $"integration-tests-{Guid.NewGuid():N}",
            // The embedded (mock) broker does not serve a reset to the earliest offset; tests read from now on.
            AutoOffsetReset = AutoOffsetReset.Latest,
            EnableAutoCommit = false,
            TopicMetadataRefreshIntervalMs = 1000,
        }).SetLogHandler((_, _) => { }).Build();
        consumer.Subscribe(topics);
        return consumer;
    }

    public async Task DisposeAsync()
    {
        if (App is not null)
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class TrainAppCollection : ICollectionFixture<TrainAppFixture>
{
    public const string Name = "The train application";
}
