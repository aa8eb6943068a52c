using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Confluent.Kafka;
using CrazyTrain.Controller.Orders;
using CrazyTrain.Messaging;
using Microsoft.Extensions.DependencyInjection;

namespace CrazyTrain.Controller.Tests.Service;

/// <summary>
/// Orders are the train's record: given while the broker is down they wait (journaled under the state folder) and
/// all reach <c>train.orders</c> once it is back, in the order given; a restart neither loses them nor the history.
/// The broker is librdkafka's mock cluster, taken down and up with its own fault injection.
/// </summary>
public sealed class OrderDeliveryTests
{
    private const int Given = 12;
    private const string Label = "outage-test";

    /// <summary>Deliveries fail within a second while the broker is down, so the courier's retry is what gets them through.</summary>
    private static readonly Dictionary<string, string?> ShortDeliveryTimeout = new() { ["Kafka:Client:message.timeout.ms"] = "1000" };

    [Fact]
    public async Task Orders_given_while_the_broker_is_down_all_reach_train_orders_after_it_is_back_in_order()
    {
        await using var host = new ControllerHost(null, ShortDeliveryTimeout);
        await host.InitializeAsync();
        var outbox = host.Services.GetRequiredService<OrderOutbox>();

        using (new BrokerOutage(host.Cluster))
        {
            // The real path first: an operator's emergency stop, then orders straight into the outbox.
            Assert.Equal(HttpStatusCode.OK, (await host.Http.PostAsync("/api/train/emergency-stop", null)).StatusCode);
            GiveTestOrders(outbox, 1);

            // The orders wait and say so; the hub command went out regardless.
            var waiting = await Eventually.ReturnsAsync(() => outbox.Status, status => status.LastError is not null, "a failed delivery reported");
            Assert.Equal(Given + 1, waiting.Waiting);
            var health = await host.HealthAsync();
            Assert.Contains("orders waiting", Check(health, "orders").GetProperty("description").GetString(), StringComparison.Ordinal);
            Assert.Equal("emergency-stopped", (await host.TrainAsync()).GetProperty("state").GetString());
        }

        var frames = ReadTestOrders(host.BootstrapServers, Given, out var emergencyStops);
        Assert.Equal(Enumerable.Range(1, Given).Select(i => (long)i), frames.Distinct());
        Assert.True(emergencyStops >= 1, "the operator's emergency stop is on train.orders");
        await Eventually.ReturnsAsync(() => outbox.Status, status => status.Waiting == 0 && status.LastError is null, "nothing left waiting");
    }

    [Fact]
    public async Task A_restarted_controller_delivers_what_its_predecessor_could_not_and_keeps_the_history()
    {
        var folder = Directory.CreateTempSubdirectory("crazytrain-orders-").FullName;
        try
        {
            await using (var before = new ControllerHost(folder, ShortDeliveryTimeout))
            {
                await before.InitializeAsync();
                var outage = new BrokerOutage(before.Cluster);
                GiveTestOrders(before.Services.GetRequiredService<OrderOutbox>(), 1);
                await Eventually.ReturnsAsync(
                    () => before.Services.GetRequiredService<OrderOutbox>().Status, status => status.LastError is not null, "a failed delivery reported");
                _ = outage; // Stays down while this controller stops: its orders are left undelivered.
            }

            await using var after = new ControllerHost(folder);
            await after.InitializeAsync();

            var history = await after.Http.GetFromJsonAsync<JsonElement[]>($"/api/orders?limit={Given}");
            Assert.Equal(Enumerable.Range(1, Given).Reverse().Select(i => (long)i), history!.Select(FrameOf));
            var frames = ReadTestOrders(after.BootstrapServers, Given, out _);
            Assert.Equal(Enumerable.Range(1, Given).Select(i => (long)i), frames.Distinct());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void GiveTestOrders(OrderOutbox outbox, long firstFrame)
    {
        for (var frame = firstFrame; frame < firstFrame + Given; frame++)
        {
            outbox.Give("hub", new OrderMessage(DateTimeOffset.UtcNow, "limit", 40, new OrderReasonMessage(Label, 0.9, frame)), default);
        }
    }

    /// <summary>Reads <c>train.orders</c> from the start until <paramref name="count"/> distinct test orders are there; their frame ids in topic order.</summary>
    private static List<long> ReadTestOrders(string bootstrapServers, int count, out int emergencyStops)
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"orders-{Guid.NewGuid():N}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            TopicMetadataRefreshIntervalMs = 200,
        }).SetLogHandler((_, _) => { }).Build();
        consumer.Subscribe(Topics.Orders);
        var frames = new List<long>();
        var stops = 0;
        KafkaMessages.ReadUntil(consumer, TimeSpan.FromSeconds(60), result =>
        {
            var order = JsonSerializer.Deserialize<JsonElement>(result.Message.Value);
            stops += order.GetProperty("action").GetString() == "emergency-stop" ? 1 : 0;
            if (order.GetProperty("reason") is { ValueKind: JsonValueKind.Object } reason && reason.GetProperty("label").GetString() == Label)
            {
                frames.Add(reason.GetProperty("frameId").GetInt64());
            }

            return frames.Distinct().Count() == count;
        });
        consumer.Close();
        emergencyStops = stops;
        return frames;
    }

    private static long FrameOf(JsonElement order) => order.GetProperty("reason").GetProperty("frameId").GetInt64();

    private static JsonElement Check(JsonElement health, string name) =>
        health.GetProperty("checks").GetProperty(name);
}
