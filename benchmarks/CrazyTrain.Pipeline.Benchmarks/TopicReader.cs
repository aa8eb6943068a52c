using System.Text;
using Confluent.Kafka;
using CrazyTrain.Messaging;
using Microsoft.Extensions.Hosting.Internal;

namespace CrazyTrain.Pipeline.Benchmarks;

/// <summary>
/// Reads the app's topics from their current end, with the same latency settings as the services (a consumer
/// with librdkafka's defaults would itself see the frames in half-second bursts). Partitions are assigned
/// directly: no consumer group join stands between the run and its first message.
/// </summary>
internal sealed class TopicReader : IDisposable
{
    private readonly IConsumer<string, byte[]> _consumer;

    public TopicReader(string bootstrapServers, IReadOnlyCollection<string> topics)
        : this(
            new KafkaClientConfig(
                Microsoft.Extensions.Options.Options.Create(new KafkaOptions { ConnectionString = bootstrapServers }),
                new HostingEnvironment { ApplicationName = "pipeline-benchmark" }),
            topics)
    {
    }

    public TopicReader(KafkaClientConfig config, IReadOnlyCollection<string> topics)
    {
        _consumer = new ConsumerBuilder<string, byte[]>(config.Consumer($"pipeline-benchmark-{Guid.NewGuid():N}", AutoOffsetReset.Latest))
            .SetLogHandler((_, _) => { })
            .Build();
        using var admin = new AdminClientBuilder(config.Admin()).SetLogHandler((_, _) => { }).Build();
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (true)
        {
            // Topics appear with their first message, seconds after the services are healthy.
            var partitions = admin.GetMetadata(TimeSpan.FromSeconds(5)).Topics
                .Where(topic => topics.Contains(topic.Topic) && topic.Error.Code == ErrorCode.NoError)
                .SelectMany(topic => topic.Partitions.Select(partition => new TopicPartition(topic.Topic, partition.PartitionId)))
                .ToList();
            if (partitions.Select(partition => partition.Topic).Distinct().Count() == topics.Count)
            {
                _consumer.Assign(partitions.Select(partition =>
                    new TopicPartitionOffset(partition, _consumer.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(10)).High)));
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                _consumer.Dispose();
                throw new TimeoutException($"Topics {string.Join(", ", topics)} did not appear on the broker within a minute.");
            }

            Thread.Sleep(500);
        }
    }

    /// <summary>The next message, or null when none came within <paramref name="wait"/>.</summary>
    public ConsumeResult<string, byte[]>? Next(TimeSpan wait)
    {
        try
        {
            return _consumer.Consume(wait) is { Message: not null } result ? result : null;
        }
        catch (ConsumeException exception) when (exception.Error.Code == ErrorCode.UnknownTopicOrPart)
        {
            return null;
        }
    }

    public static string? Header(ConsumeResult<string, byte[]> result, string name) =>
        result.Message.Headers?.TryGetLastBytes(name, out var bytes) == true ? Encoding.UTF8.GetString(bytes) : null;

    public void Dispose()
    {
        _consumer.Close();
        _consumer.Dispose();
    }
}
