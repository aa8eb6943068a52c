using Confluent.Kafka;
using Microsoft.Extensions.Options;

namespace CrazyTrain.Messaging;

/// <summary>
/// Builds librdkafka configurations from <see cref="KafkaOptions"/>, one place for every client. Each setting
/// that differs from librdkafka's default is explained in docs/performance.md; <c>Kafka:Client</c> entries
/// override them all.
/// </summary>
public sealed class KafkaClientConfig(IOptions<KafkaOptions> options, Microsoft.Extensions.Hosting.IHostEnvironment environment)
{
    /// <summary>
    /// Longest wait of a fetch that finds nothing on a latency topic. A real broker answers as soon as a message
    /// arrives (fetch.min.bytes 1), so this only bounds idle polling; librdkafka's mock cluster (the embedded
    /// development broker) instead holds every empty fetch for the whole wait, which at the default 500 ms made
    /// frames arrive in bursts that the newest-frame policy then threw away.
    /// </summary>
    public const int LatencyFetchWaitMaxMs = 10;

    /// <summary>The same wait for durable topics: orders are read by people, a tenth of a second is fine.</summary>
    public const int DurableFetchWaitMaxMs = 100;

    /// <summary>
    /// Prefetch of a latency consumer, in KiB (librdkafka's default 64 MiB): about 50 frames of 40 kB, more than a
    /// second at 30 frames/s. The newest-frame policy never needs more, and what waits here goes stale.
    /// </summary>
    public const int LatencyQueuedMaxKbytes = 2_048;

    /// <summary>
    /// Largest fetch response a latency consumer asks for (librdkafka's default 50 MiB; librdkafka refuses a value below
    /// <c>message.max.bytes</c>, 1 000 000). The broker still returns a first batch larger than this, so nothing is stuck.
    /// </summary>
    public const int LatencyFetchMaxBytes = 1_048_576;

    /// <summary>Per partition (librdkafka's default 1 MiB): the four partitions together fill one fetch response.</summary>
    public const int LatencyPartitionFetchMaxBytes = 262_144;

    /// <summary>
    /// How often a latency consumer commits what it handled or skipped (librdkafka's default 5 s). The committed offset is
    /// what <c>kafka-consumer-groups</c> and the soak read as lag: at 5 s it trailed by ~100 frames at 30 frames/s while
    /// inference kept up; at 200 ms it trails by at most ~6. An unchanged position sends no commit.
    /// </summary>
    public const int LatencyAutoCommitIntervalMs = 200;

    private readonly KafkaOptions _options = options.Value;

    public string BootstrapServers => KafkaConnectionString.Parse(_options.ConnectionString!)["bootstrap.servers"];

    public string ClientId => _options.ClientId ?? environment.ApplicationName;

    public ProducerConfig Producer(DeliveryProfile profile = DeliveryProfile.Latency)
    {
        var config = new ProducerConfig(Common());
        if (profile == DeliveryProfile.Durable)
        {
            // Orders: all in-sync replicas have it before it counts, and retries never duplicate or reorder.
            config.Acks = Acks.All;
            config.EnableIdempotence = true;
            config.MessageTimeoutMs = 30_000;
        }
        else
        {
            // A frame that cannot be delivered in this time is stale anyway; fail it rather than queue it.
            config.MessageTimeoutMs = 10_000;
            config.Acks = Acks.Leader;
            config.EnableIdempotence = false;
        }

        // Send at once: one frame every 33 ms has nothing to batch with, and any wait is added to every frame.
        config.LingerMs = 0;
        config.QueueBufferingMaxMessages = 1_000;
        config.QueueBufferingMaxKbytes = 32 * 1024;
        return WithOverrides(config);
    }

    public ConsumerConfig Consumer(string groupId, AutoOffsetReset offsetReset, DeliveryProfile profile = DeliveryProfile.Latency)
    {
        var config = new ConsumerConfig(Common())
        {
            GroupId = groupId,
            AutoOffsetReset = offsetReset,
            EnableAutoCommit = true,
            // Offsets are stored only after the handler ran, so a crash re-reads rather than loses a message.
            EnableAutoOffsetStore = false,
            AllowAutoCreateTopics = true,
            TopicMetadataRefreshIntervalMs = (int)_options.MetadataRefreshInterval.TotalMilliseconds,
            SessionTimeoutMs = 10_000,
            // Answer a fetch as soon as one message is there.
            FetchMinBytes = 1,
            FetchWaitMaxMs = profile == DeliveryProfile.Latency ? LatencyFetchWaitMaxMs : DurableFetchWaitMaxMs,
            // A bounded prefetch (librdkafka's default is 64 MiB); latency consumers bound it much tighter below.
            QueuedMaxMessagesKbytes = 16_384,
        };
        if (profile == DeliveryProfile.Latency)
        {
            // About a second of frames prefetched at most, and a full prefetch queue retries within 10 ms
            // instead of librdkafka's 1 s, so a consumer that was briefly slow does not then read old frames.
            config.QueuedMinMessages = 30;
            config.FetchQueueBackoffMs = 10;
            // Native memory: librdkafka's fetch buffers and prefetch queue are malloc'd on its own threads, and glibc
            // keeps an arena's high-water mark; small, bounded fetches keep that mark small (docs/performance.md).
            config.QueuedMaxMessagesKbytes = LatencyQueuedMaxKbytes;
            config.FetchMaxBytes = LatencyFetchMaxBytes;
            config.MaxPartitionFetchBytes = LatencyPartitionFetchMaxBytes;
            // Skipped frames are handled too (stored at once): commit them promptly so the group's lag reads ~0.
            config.AutoCommitIntervalMs = LatencyAutoCommitIntervalMs;
        }

        return WithOverrides(config);
    }

    public AdminClientConfig Admin() => WithOverrides(new AdminClientConfig(Common()));

    private Dictionary<string, string> Common()
    {
        var properties = new Dictionary<string, string>(KafkaConnectionString.Parse(_options.ConnectionString!))
        {
            ["client.id"] = ClientId,
            ["socket.keepalive.enable"] = "true",
            ["reconnect.backoff.max.ms"] = "5000",
            // Small messages (detections, orders) must not wait for the previous segment's ACK (Nagle).
            ["socket.nagle.disable"] = "true",
        };

        // Kafka:Security is stated on purpose (the edge overlay's SCRAM user and CA), so it wins over the connection string.
        foreach (var (key, value) in _options.Security.ClientProperties())
        {
            properties[key] = value;
        }

        return properties;
    }

    /// <summary><c>Kafka:Client</c> wins over the profiles: the operator of a real cluster has the last word.</summary>
    private T WithOverrides<T>(T config) where T : ClientConfig
    {
        foreach (var (key, value) in _options.Client)
        {
            config.Set(key, value);
        }

        return config;
    }
}
