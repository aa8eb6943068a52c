using System.Globalization;
using System.Text.Json;
using CrazyTrain.Console.State;
using CrazyTrain.Messaging;

namespace CrazyTrain.Console.Kafka;

/// <summary><c>train.detections</c> -> the hub, keyed by frame id so the page draws boxes on the frame they belong to.</summary>
internal sealed partial class DetectionsHandler(TrainStateHub hub, ILogger<DetectionsHandler> logger) : ITopicHandler
{
    public Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        if (!JsonMessage.TryParseObject(message, out var report, out var error))
        {
            Reject(message, error!);
            return Task.CompletedTask;
        }

        if (!report.TryGetProperty("frameId", out var frameIdValue) || !frameIdValue.TryGetInt64(out var frameId))
        {
            Reject(message, "it has no numeric frameId");
            return Task.CompletedTask;
        }

        DateTimeOffset? capturedAt = report.TryGetProperty("capturedAt", out var captured) && captured.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(captured.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                ? parsed
                : null;
        hub.OnDetections(frameId, capturedAt, report);
        return Task.CompletedTask;
    }

    private void Reject(ReceivedMessage message, string reason)
    {
        hub.OnRejected();
        LogRejected(message.Partition, message.Offset, reason);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Detections at partition {Partition} offset {Offset} skipped: {Reason}")]
    private partial void LogRejected(int partition, long offset, string reason);
}
