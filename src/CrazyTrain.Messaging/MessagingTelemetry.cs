using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CrazyTrain.Messaging;

/// <summary>Spans and counters of the Kafka hop; exported by ServiceDefaults (everything named CrazyTrain.*).</summary>
public sealed class MessagingTelemetry : IDisposable
{
    public const string Name = "CrazyTrain.Messaging";

    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly Meter _meter;
    private readonly List<(string Topic, string GroupId, Func<long> Lag)> _lagSources = [];

    public MessagingTelemetry(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(Name);
        Published = _meter.CreateCounter<long>("crazytrain.messaging.published", "{message}", "Messages handed to the broker and acknowledged.");
        PublishFailed = _meter.CreateCounter<long>("crazytrain.messaging.publish_failed", "{message}", "Messages the broker did not take.");
        Consumed = _meter.CreateCounter<long>("crazytrain.messaging.consumed", "{message}", "Messages handled by a consumer.");
        HandlerFailed = _meter.CreateCounter<long>("crazytrain.messaging.handler_failed", "{message}", "Messages whose handler threw; they are skipped, not retried.");
        DeliveryDelay = _meter.CreateHistogram<double>(
            "crazytrain.messaging.delivery.delay", "ms", "From the producer's send (the message timestamp) to the consumer's handler: the broker hop.");
        HandlerDuration = _meter.CreateHistogram<double>(
            "crazytrain.messaging.handler.duration", "ms", "How long a consumer's handler took with one message.");
        _meter.CreateObservableGauge("crazytrain.messaging.consumer_lag", ObserveLag, "{message}", "Messages not yet consumed on the partitions assigned to a consumer.");
    }

    public Counter<long> Published { get; }
    public Counter<long> PublishFailed { get; }
    public Counter<long> Consumed { get; }
    public Counter<long> HandlerFailed { get; }
    public Histogram<double> DeliveryDelay { get; }
    public Histogram<double> HandlerDuration { get; }

    /// <summary>Adds a consumer to the lag gauge: messages behind the end of its assigned partitions.</summary>
    public void AddLagSource(string topic, string groupId, Func<long> lag)
    {
        lock (_lagSources)
        {
            _lagSources.Add((topic, groupId, lag));
        }
    }

    private IEnumerable<Measurement<long>> ObserveLag()
    {
        lock (_lagSources)
        {
            return _lagSources
                .Select(source => new Measurement<long>(
                    source.Lag(),
                    new KeyValuePair<string, object?>("messaging.destination.name", source.Topic),
                    new KeyValuePair<string, object?>("messaging.consumer.group.name", source.GroupId)))
                .ToList();
        }
    }

    public static TagList TopicTags(string topic) => new() { { "messaging.destination.name", topic } };

    public void Dispose() => _meter.Dispose();
}
