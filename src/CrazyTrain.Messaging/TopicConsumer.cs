using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CrazyTrain.Messaging;

/// <summary>Handles the messages of one topic. Called one message at a time, in order per partition.</summary>
public interface ITopicHandler
{
    Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken);
}

/// <summary>Which topic a consumer reads, in which group, and where a new group starts.</summary>
public sealed record TopicSubscription(string Topic, string GroupId, AutoOffsetReset OffsetReset = AutoOffsetReset.Latest);

/// <summary>
/// Reads one topic on a dedicated thread and hands each message to its handler inside a span whose parent is
/// the trace in the message's headers, so whatever the handler publishes continues the same trace.
/// A handler that throws costs that one message (logged and counted), never the consumer.
/// </summary>
internal sealed partial class TopicConsumer<THandler>(
    TopicSubscription subscription,
    THandler handler,
    KafkaClientConfig config,
    MessagingTelemetry telemetry,
    ILogger<TopicConsumer<THandler>> logger) : BackgroundService
    where THandler : ITopicHandler
{
    private IConsumer<string, byte[]>? _consumer;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Run(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stoppingToken)
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(config.Consumer(subscription.GroupId, subscription.OffsetReset, TopicDelivery.For(subscription.Topic)))
            .SetErrorHandler((_, error) => LogClientError(subscription.Topic, error.Code, error.Reason))
            .SetLogHandler((_, message) => KafkaLog.Write(logger, message))
            .Build();
        _consumer = consumer;
        telemetry.AddLagSource(subscription.Topic, subscription.GroupId, Lag);
        consumer.Subscribe(subscription.Topic);
        LogSubscribed(subscription.Topic, subscription.GroupId);

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                ConsumeOne(consumer, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            _consumer = null;
            // Clean shutdown: commit what was handled and leave the group so a restart resumes at once.
            try
            {
                consumer.Commit();
            }
            catch (KafkaException)
            {
                // Nothing stored yet, or the broker is gone: nothing more to save.
            }

            consumer.Close();
        }
    }

    private void ConsumeOne(IConsumer<string, byte[]> consumer, CancellationToken stoppingToken)
    {
        ConsumeResult<string, byte[]>? result;
        try
        {
            result = consumer.Consume(stoppingToken);
        }
        catch (ConsumeException exception) when (exception.Error.Code == ErrorCode.UnknownTopicOrPart)
        {
            // The topic appears with its first message; until then there is nothing to read.
            LogTopicNotYetThere(subscription.Topic);
            stoppingToken.WaitHandle.WaitOne(TimeSpan.FromSeconds(1));
            return;
        }
        catch (ConsumeException exception)
        {
            LogConsumeFailed(subscription.Topic, exception.Error.Reason);
            stoppingToken.WaitHandle.WaitOne(TimeSpan.FromSeconds(1));
            return;
        }

        if (result?.Message is null)
        {
            return;
        }

        var received = ToReceived(result);
        var tags = MessagingTelemetry.TopicTags(subscription.Topic);
        // Both clocks are the same machine's in the common case; across machines this shows their skew too.
        telemetry.DeliveryDelay.Record(Math.Max(0, (DateTimeOffset.UtcNow - received.Timestamp).TotalMilliseconds), tags);
        var started = Stopwatch.GetTimestamp();
        using (var activity = StartProcessActivity(received))
        {
            try
            {
                handler.HandleAsync(received, stoppingToken).GetAwaiter().GetResult();
                telemetry.Consumed.Add(1, tags);
                telemetry.HandlerDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, tags);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // A bad message must not stop the consumer; it is logged, counted and skipped.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                telemetry.HandlerFailed.Add(1, tags);
                activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
                LogHandlerFailed(exception, subscription.Topic, result.Partition.Value, result.Offset.Value);
            }
        }

        consumer.StoreOffset(result);
    }

    private static ReceivedMessage ToReceived(ConsumeResult<string, byte[]> result)
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        if (result.Message.Headers is not null)
        {
            foreach (var header in result.Message.Headers)
            {
                headers[header.Key] = Encoding.UTF8.GetString(header.GetValueBytes());
            }
        }

        var message = new TrainMessage(result.Topic, result.Message.Key ?? string.Empty, result.Message.Value ?? [], headers);
        return new ReceivedMessage(message, result.Partition.Value, result.Offset.Value, result.Message.Timestamp.UtcDateTime, TraceContext.Extract(headers));
    }

    private Activity? StartProcessActivity(ReceivedMessage received)
    {
        var activity = MessagingTelemetry.ActivitySource.StartActivity($"{subscription.Topic} process", ActivityKind.Consumer, received.ParentContext);
        activity?.SetTag("messaging.system", "kafka");
        activity?.SetTag("messaging.operation.type", "process");
        activity?.SetTag("messaging.destination.name", subscription.Topic);
        activity?.SetTag("messaging.consumer.group.name", subscription.GroupId);
        activity?.SetTag("messaging.destination.partition.id", received.Partition.ToString(System.Globalization.CultureInfo.InvariantCulture));
        activity?.SetTag("messaging.kafka.offset", received.Offset);
        return activity;
    }

    private long Lag()
    {
        var consumer = _consumer;
        if (consumer is null)
        {
            return 0;
        }

        try
        {
            long lag = 0;
            foreach (var partition in consumer.Assignment)
            {
                var watermarks = consumer.GetWatermarkOffsets(partition);
                var position = consumer.Position(partition);
                if (watermarks.High.Value >= 0 && position.Value >= 0)
                {
                    lag += Math.Max(0, watermarks.High.Value - position.Value);
                }
            }

            return lag;
        }
        catch (Exception exception) when (exception is KafkaException or ObjectDisposedException or InvalidOperationException)
        {
            return 0;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Consuming {Topic} as group {GroupId}")]
    private partial void LogSubscribed(string topic, string groupId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Topic {Topic} does not exist yet; waiting for its first message")]
    private partial void LogTopicNotYetThere(string topic);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consuming {Topic} failed: {Reason}")]
    private partial void LogConsumeFailed(string topic, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka consumer error on {Topic} ({Code}): {Reason}")]
    private partial void LogClientError(string topic, ErrorCode code, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling a message of {Topic} (partition {Partition}, offset {Offset}) failed; it is skipped")]
    private partial void LogHandlerFailed(Exception exception, string topic, int partition, long offset);
}
