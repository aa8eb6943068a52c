using CrazyTrain.Console.State;
using CrazyTrain.Messaging;

namespace CrazyTrain.Console.Kafka;

/// <summary><c>train.frames</c> -> the hub. Keeps the JPEG bytes as received; browsers fetch them on demand.</summary>
internal sealed partial class FrameHandler(TrainStateHub hub, ILogger<FrameHandler> logger) : ITopicHandler
{
    public Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        var frame = message.Message;
        if (frame.HeaderAsInt64(FrameHeaders.FrameId) is not { } frameId || frame.Value.IsEmpty)
        {
            hub.OnRejected();
            LogRejected(message.Partition, message.Offset, frame.Value.IsEmpty ? "it is empty" : $"its {FrameHeaders.FrameId} header is missing or not a number");
            return Task.CompletedTask;
        }

        DateTimeOffset? capturedAt = frame.HeaderAsInt64(FrameHeaders.CapturedAt) is { } millis && millis > 0
            ? DateTimeOffset.FromUnixTimeMilliseconds(millis)
            : null;
        hub.OnFrame(new FrameRecord(
            frame.Key,
            frameId,
            capturedAt,
            hub.Now,
            (int?)frame.HeaderAsInt64(FrameHeaders.Width),
            (int?)frame.HeaderAsInt64(FrameHeaders.Height),
            frame.Header(FrameHeaders.ContentType) ?? "image/jpeg",
            // The consumer hands each message its own array; keeping it costs no copy.
            frame.Value,
            TraceContext.TraceIdOf(frame.Headers)));
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Frame at partition {Partition} offset {Offset} skipped: {Reason}")]
    private partial void LogRejected(int partition, long offset, string reason);
}
