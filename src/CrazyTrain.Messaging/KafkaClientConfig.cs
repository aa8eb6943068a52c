using Confluent.Kafka;
using Microsoft.Extensions.Options;

namespace CrazyTrain.Messaging;

/// <summary>Builds librdkafka configurations from <see cref="KafkaOptions"/>, one place for every client.</summary>
public sealed class KafkaClientConfig(IOptions<KafkaOptions> options, Microsoft.Extensions.Hosting.IHostEnvironment environment)
{
    private readonly KafkaOptions _options = options.Value;

    public string BootstrapServers => KafkaConnectionString.Parse(_options.ConnectionString!)["bootstrap.servers"];

    public string ClientId => _options.ClientId ?? environment.ApplicationName;

    public ProducerConfig Producer() => new(Common())
    {
        // A frame that cannot be delivered in this time is stale anyway; fail it rather than queue it.
        MessageTimeoutMs = 10_000,
        LingerMs = 1,
        Acks = Acks.Leader,
        EnableIdempotence = false,
        QueueBufferingMaxMessages = 1_000,
    };

    public ConsumerConfig Consumer(string groupId, AutoOffsetReset offsetReset) => new(Common())
    {
        GroupId = groupId,
        AutoOffsetReset = offsetReset,
        EnableAutoCommit = true,
        // Offsets are stored only after the handler ran, so a crash re-reads rather than loses a message.
        EnableAutoOffsetStore = false,
        AllowAutoCreateTopics = true,
        TopicMetadataRefreshIntervalMs = (int)_options.MetadataRefreshInterval.TotalMilliseconds,
        SessionTimeoutMs = 10_000,
        // Consumers of frames want the newest ones; keep the prefetch small so little goes stale in memory.
        QueuedMaxMessagesKbytes = 16_384,
    };

    public AdminClientConfig Admin() => new(Common());

    private Dictionary<string, string> Common()
    {
        var properties = new Dictionary<string, string>(KafkaConnectionString.Parse(_options.ConnectionString!))
        {
            ["client.id"] = ClientId,
            ["socket.keepalive.enable"] = "true",
            ["reconnect.backoff.max.ms"] = "5000",
        };
        foreach (var (key, value) in _options.Client)
        {
            properties[key] = value;
        }

        return properties;
    }
}
