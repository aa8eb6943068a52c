using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace CrazyTrain.Messaging;

/// <summary>Publishes to the train's topics with the current trace written into the headers.</summary>
public interface ITrainProducer
{
    /// <summary>Hands the message to the client without waiting for the broker (frames at camera rate).</summary>
    void Publish(TrainMessage message);

    /// <summary>Waits until the broker has the message (orders, where the caller must know).</summary>
    Task PublishAndWaitAsync(TrainMessage message, CancellationToken cancellationToken = default);
}

public static class TrainProducerExtensions
{
    public static void PublishJson<T>(this ITrainProducer producer, string topic, string key, T value, IEnumerable<KeyValuePair<string, string>>? headers = null) =>
        producer.Publish(TrainMessage.Create(topic, key, JsonSerializer.SerializeToUtf8Bytes(value, TrainJson.Options), WithJsonContentType(headers)));

    public static Task PublishJsonAndWaitAsync<T>(this ITrainProducer producer, string topic, string key, T value, CancellationToken cancellationToken = default) =>
        producer.PublishAndWaitAsync(TrainMessage.Create(topic, key, JsonSerializer.SerializeToUtf8Bytes(value, TrainJson.Options), WithJsonContentType(null)), cancellationToken);

    private static IEnumerable<KeyValuePair<string, string>> WithJsonContentType(IEnumerable<KeyValuePair<string, string>>? headers) =>
        (headers ?? []).Append(new(FrameHeaders.ContentType, "application/json"));
}

/// <summary>
/// One librdkafka producer per <see cref="DeliveryProfile"/>, each made on first use: acks and idempotence are
/// per client, so orders cannot share the frames' client without slowing the frames down.
/// </summary>
internal sealed partial class TrainProducer : ITrainProducer, IDisposable
{
    private readonly ConcurrentDictionary<DeliveryProfile, Lazy<IProducer<string, byte[]>>> _producers = new();
    private readonly KafkaClientConfig _config;
    private readonly MessagingTelemetry _telemetry;
    private readonly ILogger<TrainProducer> _logger;

    public TrainProducer(KafkaClientConfig config, MessagingTelemetry telemetry, ILogger<TrainProducer> logger)
    {
        _config = config;
        _telemetry = telemetry;
        _logger = logger;
    }

    private IProducer<string, byte[]> ProducerFor(string topic) =>
        _producers.GetOrAdd(TopicDelivery.For(topic), NewProducer).Value;

    private Lazy<IProducer<string, byte[]>> NewProducer(DeliveryProfile profile) =>
        new(() => new ProducerBuilder<string, byte[]>(_config.Producer(profile))
            .SetErrorHandler((_, error) => LogClientError(error.Code, error.Reason))
            .SetLogHandler((_, message) => KafkaLog.Write(_logger, message))
            .Build());

    /// <summary>
    /// An idempotent producer that hit a fatal error (e.g. its sequence numbers no longer match the broker's) refuses
    /// everything after it; the next publish gets a new one, so a caller that retries (the controller's orders) recovers.
    /// </summary>
    private void Renew(string topic)
    {
        var profile = TopicDelivery.For(topic);
        if (_producers.TryRemove(profile, out var broken) && broken.IsValueCreated)
        {
            LogRenewed(topic);
            broken.Value.Dispose();
        }
    }

    public void Publish(TrainMessage message)
    {
        using var activity = StartPublishActivity(message.Topic);
        var kafkaMessage = ToKafka(message, activity);
        try
        {
            ProducerFor(message.Topic).Produce(message.Topic, kafkaMessage, report =>
            {
                if (report.Error.IsError)
                {
                    OnFailed(message.Topic, report.Error.Reason);
                }
                else
                {
                    _telemetry.Published.Add(1, MessagingTelemetry.TopicTags(message.Topic));
                }
            });
        }
        catch (ProduceException<string, byte[]> exception)
        {
            // Local queue full or broker unreachable for long: the message is dropped and counted, never buffered without bound.
            OnFailed(message.Topic, exception.Error.Reason);
            activity?.SetStatus(ActivityStatusCode.Error, exception.Error.Reason);
        }
    }

    public async Task PublishAndWaitAsync(TrainMessage message, CancellationToken cancellationToken = default)
    {
        using var activity = StartPublishActivity(message.Topic);
        try
        {
            await ProducerFor(message.Topic).ProduceAsync(message.Topic, ToKafka(message, activity), cancellationToken);
            _telemetry.Published.Add(1, MessagingTelemetry.TopicTags(message.Topic));
        }
        catch (ProduceException<string, byte[]> exception)
        {
            OnFailed(message.Topic, exception.Error.Reason);
            activity?.SetStatus(ActivityStatusCode.Error, exception.Error.Reason);
            if (exception.Error.IsFatal)
            {
                Renew(message.Topic);
            }

            throw;
        }
    }

    private static Activity? StartPublishActivity(string topic)
    {
        var activity = MessagingTelemetry.ActivitySource.StartActivity($"{topic} publish", ActivityKind.Producer);
        activity?.SetTag("messaging.system", "kafka");
        activity?.SetTag("messaging.operation.type", "send");
        activity?.SetTag("messaging.destination.name", topic);
        return activity;
    }

    private static Message<string, byte[]> ToKafka(TrainMessage message, Activity? activity)
    {
        var headers = new Dictionary<string, string>(message.Headers);
        // The publish span when someone listens, else whatever trace the caller is in.
        TraceContext.Inject(activity?.Context ?? Activity.Current?.Context ?? default, headers);

        var kafkaHeaders = new Headers();
        foreach (var (name, value) in headers)
        {
            kafkaHeaders.Add(name, System.Text.Encoding.UTF8.GetBytes(value));
        }

        return new Message<string, byte[]> { Key = message.Key, Value = message.Value.ToArray(), Headers = kafkaHeaders };
    }

    private void OnFailed(string topic, string reason)
    {
        _telemetry.PublishFailed.Add(1, MessagingTelemetry.TopicTags(topic));
        LogPublishFailed(topic, reason);
    }

    public void Dispose()
    {
        // Clean shutdown: give in-flight messages a moment to reach the broker.
        foreach (var producer in _producers.Values.Where(producer => producer.IsValueCreated).Select(producer => producer.Value))
        {
            producer.Flush(TimeSpan.FromSeconds(5));
            producer.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing to {Topic} failed: {Reason}")]
    private partial void LogPublishFailed(string topic, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The producer for {Topic} hit a fatal error: replaced by a new one")]
    private partial void LogRenewed(string topic);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka producer error {Code}: {Reason}")]
    private partial void LogClientError(ErrorCode code, string reason);
}
