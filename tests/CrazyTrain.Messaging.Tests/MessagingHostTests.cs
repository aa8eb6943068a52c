using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CrazyTrain.Messaging.Tests;

public sealed class MessagingHostTests : IDisposable
{
    private readonly ActivityListener _listener = new()
    {
        ShouldListenTo = source => source.Name.StartsWith("CrazyTrain", StringComparison.Ordinal),
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
    };

    public MessagingHostTests() => ActivitySource.AddActivityListener(_listener);

    [Fact]
    public async Task A_consumed_message_continues_the_trace_of_its_producer()
    {
        using var broker = DevelopmentKafkaCluster.Start();
        using var host = BuildHost(broker.BootstrapServers, builder => builder.AddTopicConsumer<RecordingHandler>("test.trace"));
        await host.StartAsync();
        var producer = host.Services.GetRequiredService<ITrainProducer>();
        var handler = host.Services.GetRequiredService<RecordingHandler>();

        using var frame = new ActivitySource("CrazyTrain.Tests").StartActivity("frame");
        var traceId = frame!.TraceId;
        var received = await PublishUntilReceivedAsync(producer, handler, "test.trace", "hello");

        Assert.Equal(traceId, received.ParentContext.TraceId);
        Assert.Equal("hello", received.Message.ValueAsString());
        Assert.Equal("camera-1", received.Message.Key);
        Assert.Equal("7", received.Message.Header("frame-id"));
        await host.StopAsync();
    }

    [Fact]
    public async Task A_handler_that_throws_loses_that_message_only()
    {
        using var broker = DevelopmentKafkaCluster.Start();
        using var host = BuildHost(broker.BootstrapServers, builder => builder.AddTopicConsumer<RecordingHandler>("test.poison"));
        await host.StartAsync();
        var producer = host.Services.GetRequiredService<ITrainProducer>();
        var handler = host.Services.GetRequiredService<RecordingHandler>();

        await PublishUntilReceivedAsync(producer, handler, "test.poison", "poison");
        var after = await PublishUntilReceivedAsync(producer, handler, "test.poison", "fine");

        Assert.Equal("fine", after.Message.ValueAsString());
        Assert.Contains(handler.Received, message => message.Message.ValueAsString() == "poison");
        await host.StopAsync();
    }

    [Fact]
    public async Task An_order_goes_through_the_durable_client_and_its_broker_hop_is_measured()
    {
        using var broker = DevelopmentKafkaCluster.Start();
        using var host = BuildHost(broker.BootstrapServers, builder => builder.AddTopicConsumer<RecordingHandler>(Topics.Orders));
        var delays = new ConcurrentQueue<double>();
        using var meters = ListenTo("crazytrain.messaging.delivery.delay", Topics.Orders, delays.Enqueue);
        await host.StartAsync();
        var producer = host.Services.GetRequiredService<ITrainProducer>();
        var handler = host.Services.GetRequiredService<RecordingHandler>();

        var received = await PublishUntilReceivedAsync(producer, handler, Topics.Orders, "stop", awaitDelivery: true);

        Assert.Equal("stop", received.Message.ValueAsString());
        Assert.NotEmpty(delays);
        Assert.All(delays, delay => Assert.True(delay >= 0));
        await host.StopAsync();
    }

    [Fact]
    public async Task The_health_check_is_healthy_against_a_broker_and_names_an_unreachable_one()
    {
        using var broker = DevelopmentKafkaCluster.Start();
        using var reachable = BuildHost(broker.BootstrapServers);
        using var unreachable = BuildHost("127.0.0.1:1", configure: null, healthTimeout: "00:00:01");

        var healthy = await reachable.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        var unhealthy = await unreachable.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Healthy, healthy.Entries["kafka"].Status);
        Assert.Equal(HealthStatus.Unhealthy, unhealthy.Entries["kafka"].Status);
        Assert.Contains("127.0.0.1:1", unhealthy.Entries["kafka"].Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_that_reports_broker_trouble_as_degraded_stays_ready_and_still_says_why()
    {
        using var unreachable = BuildHost("127.0.0.1:1", builder => builder.ReportBrokerTroubleAsDegraded(), healthTimeout: "00:00:01");

        var report = await unreachable.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Degraded, report.Entries[MessagingExtensions.BrokerHealthCheck].Status);
        Assert.Equal(HealthStatus.Degraded, report.Status);
        Assert.Contains("not reachable", report.Entries[MessagingExtensions.BrokerHealthCheck].Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probes_asked_together_while_the_broker_is_away_share_one_metadata_request()
    {
        using var unreachable = BuildHost("127.0.0.1:1", configure: null, healthTimeout: "00:00:02");
        var check = unreachable.Services.GetRequiredService<KafkaHealthCheck>();
        var context = new HealthCheckContext { Registration = new HealthCheckRegistration("kafka", check, HealthStatus.Unhealthy, null) };

        var together = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => check.CheckHealthAsync(context)));
        var probesTogether = check.Probes;
        var later = await check.CheckHealthAsync(context);

        Assert.All(together, result => Assert.Equal(HealthStatus.Unhealthy, result.Status));
        Assert.Equal(1, probesTogether);
        // A finished probe is not reused: the next question asks the broker again.
        Assert.Equal(HealthStatus.Unhealthy, later.Status);
        Assert.Equal(2, check.Probes);
    }

    [Theory]
    [InlineData(null, "ConnectionStrings:kafka is not set")]
    [InlineData("broker-without-port", "ConnectionStrings:kafka is malformed")]
    public async Task Start_up_fails_naming_the_setting(string? connectionString, string message)
    {
        using var host = BuildHost(connectionString);

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(message, exception.Message, StringComparison.Ordinal);
    }

    private static async Task<ReceivedMessage> PublishUntilReceivedAsync(
        ITrainProducer producer, RecordingHandler handler, string topic, string value, bool awaitDelivery = false)
    {
        // A new consumer group joins a few seconds after start; keep publishing until one arrives.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var message = TrainMessage.Create(topic, "camera-1", System.Text.Encoding.UTF8.GetBytes(value), [new("frame-id", "7")]);
            if (awaitDelivery)
            {
                await producer.PublishAndWaitAsync(message, timeout.Token);
            }
            else
            {
                producer.Publish(message);
            }

            var received = await handler.WaitForAsync(value, TimeSpan.FromMilliseconds(500));
            if (received is not null)
            {
                return received;
            }

            timeout.Token.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Measurements of one CrazyTrain.Messaging histogram for one topic (tests run in parallel).</summary>
    private static MeterListener ListenTo(string instrument, string topic, Action<double> record)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (candidate, meterListener) =>
            {
                if (candidate.Meter.Name == MessagingTelemetry.Name && candidate.Name == instrument)
                {
                    meterListener.EnableMeasurementEvents(candidate);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "messaging.destination.name" && Equals(tag.Value, topic))
                {
                    record(value);
                }
            }
        });
        listener.Start();
        return listener;
    }

    private static IHost BuildHost(string? connectionString, Action<HostApplicationBuilder>? configure = null, string healthTimeout = "00:00:03")
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", ApplicationName = $"tests-{Guid.NewGuid():N}" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:kafka"] = connectionString,
            ["Kafka:HealthTimeout"] = healthTimeout,
            ["Kafka:MetadataRefreshInterval"] = "00:00:00.500",
        });
        builder.Services.AddHealthChecks();
        builder.AddTrainMessaging();
        configure?.Invoke(builder);
        return builder.Build();
    }

    public void Dispose() => _listener.Dispose();

    internal sealed class RecordingHandler : ITopicHandler
    {
        private readonly ConcurrentQueue<ReceivedMessage> _received = new();
        private readonly SemaphoreSlim _signal = new(0);

        public IReadOnlyCollection<ReceivedMessage> Received => _received;

        public Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
        {
            _received.Enqueue(message);
            _signal.Release();
            if (message.Message.ValueAsString() == "poison")
            {
                throw new InvalidOperationException("poison message");
            }

            return Task.CompletedTask;
        }

        public async Task<ReceivedMessage?> WaitForAsync(string value, TimeSpan wait)
        {
            var match = _received.FirstOrDefault(message => message.Message.ValueAsString() == value);
            if (match is null && await _signal.WaitAsync(wait))
            {
                match = _received.FirstOrDefault(message => message.Message.ValueAsString() == value);
            }

            return match;
        }
    }
}
