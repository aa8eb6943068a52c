using Confluent.Kafka;
using CrazyTrain.Messaging;

namespace CrazyTrain.Pipeline.Benchmarks;

/// <summary>
/// How far the services' consumer groups are behind the end of their topics: inference on <c>train.frames</c>,
/// the controller on <c>train.detections</c> (the console's groups are per process and random). Committed offsets
/// against the high watermarks, summed over the partitions, in messages: what <c>kafka-consumer-groups</c> shows. The
/// services' latency consumers commit every 200 ms (<c>KafkaClientConfig.LatencyAutoCommitIntervalMs</c>), skipped frames
/// included, so a group that keeps up reads a few messages at most.
/// </summary>
internal sealed class TopicLag(string bootstrapServers) : IDisposable
{
    /// <summary>Group (the service's application name) and the topic it reads.</summary>
    public static readonly (string Group, string Topic)[] Watched =
    [
        ("CrazyTrain.Inference", Topics.Frames),
        ("CrazyTrain.Controller", Topics.Detections),
    ];

    private readonly List<LagSample> _samples = [];
    private readonly IAdminClient _admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers })
        .SetLogHandler((_, _) => { }).Build();

    public IReadOnlyList<LagSample> Samples => _samples;

    public void Sample(TimeSpan sinceStart)
    {
        foreach (var (group, topic) in Watched)
        {
            try
            {
                using var probe = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = group, EnableAutoCommit = false })
                    .SetLogHandler((_, _) => { }).Build();
                var partitions = _admin.GetMetadata(topic, TimeSpan.FromSeconds(5)).Topics.Single().Partitions
                    .Select(partition => new TopicPartition(topic, partition.PartitionId))
                    .ToList();
                var committed = probe.Committed(partitions, TimeSpan.FromSeconds(5));
                long lag = 0;
                foreach (var offset in committed)
                {
                    var end = probe.QueryWatermarkOffsets(offset.TopicPartition, TimeSpan.FromSeconds(5)).High.Value;
                    lag += offset.Offset.Value >= 0 ? Math.Max(0, end - offset.Offset.Value) : 0;
                }

                _samples.Add(new LagSample(group, topic, Math.Round(sinceStart.TotalSeconds, 1), lag));
            }
            catch (KafkaException exception)
            {
                Console.Error.WriteLine($"Lag of {group} on {topic} not read: {exception.Error.Reason}");
            }
        }
    }

    public void Dispose() => _admin.Dispose();
}

internal sealed record LagSample(string Group, string Topic, double Seconds, long Lag);
