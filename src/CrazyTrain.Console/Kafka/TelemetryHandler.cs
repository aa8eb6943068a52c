using CrazyTrain.Console.State;
using CrazyTrain.Messaging;

namespace CrazyTrain.Console.Kafka;

/// <summary><c>train.telemetry</c> -> the hub, the latest message per source (the message key).</summary>
internal sealed partial class TelemetryHandler(TrainStateHub hub, ILogger<TelemetryHandler> logger) : ITopicHandler
{
    public Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        if (!JsonMessage.TryParseObject(message, out var telemetry, out var error))
        {
            hub.OnRejected();
            LogRejected(message.Partition, message.Offset, error!);
            return Task.CompletedTask;
        }

        hub.OnTelemetry(string.IsNullOrEmpty(message.Message.Key) ? "unknown" : message.Message.Key, telemetry);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telemetry at partition {Partition} offset {Offset} skipped: {Reason}")]
    private partial void LogRejected(int partition, long offset, string reason);
}
