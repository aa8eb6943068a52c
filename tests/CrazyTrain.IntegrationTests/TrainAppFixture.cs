using Aspire.Hosting;
using Confluent.Kafka;

namespace CrazyTrain.IntegrationTests;

/// <summary>
/// Starts the whole AppHost once for all integration tests, as the README's run command does (Simulation mode,
/// embedded broker), minus the dashboard, and waits until every resource is healthy.
/// </summary>
public class TrainAppFixture : IAsyncLifetime
{
    private readonly string[] _settings;

    public TrainAppFixture()
        : this([])
    {
    }

    /// <summary>For a fixture of its own that needs the AppHost configured differently (the fault suite's layout).</summary>
    protected TrainAppFixture(string[] settings) => _settings = settings;

    public static readonly string[] Services = ["twin", "capture", "inference", "controller", "hub-guard"];

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    /// <summary>The AppHost's <c>operator-token</c> parameter in these tests, so they can act as an operator.</summary>
    public const string OperatorToken = "operator-token-for-integration-tests";

    /// <summary>The controller's state folder for this run: an emergency stop left by a test never reaches the next run.</summary>
    private readonly string _stateFolder = Directory.CreateTempSubdirectory("crazytrain-app-state-").FullName;

    public DistributedApplication App { get; private set; } = null!;

    public string KafkaBootstrapServers { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.CrazyTrain_AppHost>(
            [$"--Parameters:operator-token={OperatorToken}", $"--CrazyTrain:StateFolder={_stateFolder}", .. _settings],
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

    /// <summary>A client of <paramref name="service"/> that sends <c>Authorization: Bearer</c> with the operator token.</summary>
    public HttpClient CreateOperatorClient(string service)
    {
        var client = App.CreateHttpClient(service);
        client.DefaultRequestHeaders.Authorization = new("Bearer", OperatorToken);
        return client;
    }

    /// <summary>
    /// A consumer of the app's broker that reads every partition of <paramref name="topics"/> from now on.
    /// Partitions are assigned directly rather than through a consumer group, so no group join (seconds on a
    /// loaded machine) stands between the test and the messages. Errors the client reports are collected in
    /// <paramref name="errors"/> for the test's failure message.
    /// </summary>
    public IConsumer<string, byte[]> CreateConsumer(ICollection<string> errors, params string[] topics)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = KafkaBootstrapServers,
            GroupId = $"integration-tests-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
        };
        var consumer = new ConsumerBuilder<string, byte[]>(config)
            .SetLogHandler((_, _) => { })
            .SetErrorHandler((_, error) => { lock (errors) { errors.Add(error.Reason); } })
            .Build();

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = KafkaBootstrapServers }).SetLogHandler((_, _) => { }).Build();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            // Topics appear with their first message; the services publish within seconds of being healthy.
            var metadata = admin.GetMetadata(TimeSpan.FromSeconds(5));
            var partitions = metadata.Topics
                .Where(topic => topics.Contains(topic.Topic) && topic.Error.Code == ErrorCode.NoError)
                .SelectMany(topic => topic.Partitions.Select(partition => new TopicPartition(topic.Topic, partition.PartitionId)))
                .ToList();
            if (partitions.Select(partition => partition.Topic).Distinct().Count() == topics.Length)
            {
                // The broker's current end offsets, asked now: Offset.End would be resolved later by the client,
                // skipping whatever the app published in between.
                consumer.Assign(partitions.Select(partition =>
                    new TopicPartitionOffset(partition, consumer.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(10)).High)));
                return consumer;
            }

            if (DateTime.UtcNow > deadline)
            {
                consumer.Dispose();
                throw new TimeoutException($"Topics {string.Join(", ", topics)} did not appear on the broker within a minute.");
            }

            Thread.Sleep(500);
        }
    }

    public async Task DisposeAsync()
    {
        if (App is not null)
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }

        Directory.Delete(_stateFolder, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class TrainAppCollection : ICollectionFixture<TrainAppFixture>
{
    public const string Name = "The train application";
}
