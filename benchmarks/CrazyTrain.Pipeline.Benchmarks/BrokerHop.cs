using System.Diagnostics;
using Confluent.Kafka;
using CrazyTrain.Messaging;
using Microsoft.Extensions.Hosting.Internal;

namespace CrazyTrain.Pipeline.Benchmarks;

/// <summary>
/// The Kafka hop alone (<c>--broker-only</c>): the development broker, one producer sending a frame-sized
/// message at the camera rate and one consumer, both built by the messaging library with the run's
/// <c>--client</c> settings on top. Shows what the client settings do without the services' CPU in the way.
/// </summary>
internal static class BrokerHop
{
    public static PipelineReport Run(PipelineArguments arguments, TextWriter log)
    {
        var startedAt = DateTimeOffset.UtcNow;
        using var broker = DevelopmentKafkaCluster.Start();
        var config = new KafkaClientConfig(
            Microsoft.Extensions.Options.Options.Create(new KafkaOptions { ConnectionString = broker.BootstrapServers, Client = new(arguments.Client) }),
            new HostingEnvironment { ApplicationName = "broker-hop-benchmark" });
        using var producer = new ProducerBuilder<string, byte[]>(config.Producer(TopicDelivery.For(Topics.Frames))).SetLogHandler((_, _) => { }).Build();
        var frame = new byte[40_000];

        // The mock broker creates the topic on first produce; then the consumer starts at its end.
        producer.Produce(Topics.Frames, new Message<string, byte[]> { Key = "front", Value = frame });
        producer.Flush(TimeSpan.FromSeconds(10));
        using var reader = new TopicReader(config, [Topics.Frames]);
        log.WriteLine($"Broker hop alone at {arguments.Fps} frames/s for {arguments.Seconds} s ({string.Join(", ", arguments.Client.Select(s => $"{s.Key}={s.Value}"))})");

        var hop = new List<double>();
        var period = TimeSpan.FromSeconds(1 / arguments.Fps);
        var clock = Stopwatch.StartNew();
        var next = TimeSpan.Zero;
        var end = TimeSpan.FromSeconds(arguments.WarmupSeconds + arguments.Seconds);
        long sent = 0;
        while (clock.Elapsed < end)
        {
            if (clock.Elapsed >= next)
            {
                producer.Produce(Topics.Frames, new Message<string, byte[]> { Key = "front", Value = frame, Timestamp = new Timestamp(DateTime.UtcNow) });
                sent++;
                next += period;
            }

            var wait = next - clock.Elapsed;
            if (reader.Next(wait > TimeSpan.Zero ? wait : TimeSpan.Zero) is { } result && clock.Elapsed.TotalSeconds > arguments.WarmupSeconds)
            {
                hop.Add((DateTime.UtcNow - result.Message.Timestamp.UtcDateTime).TotalMilliseconds);
            }
        }

        var summary = new LedgerSummary(
            FrameLedger.Stages.ToDictionary(stage => stage, stage => stage == FrameLedger.Stages[1] ? hop : [], StringComparer.Ordinal),
            sent, sent, 0, 0, 0);
        return PipelineReport.From(startedAt, PipelineMeasurement.LoadAverage(), arguments, arguments.Seconds, summary, []);
    }
}
