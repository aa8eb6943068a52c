using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using CrazyTrain.Inference.Hosting;
using CrazyTrain.Messaging;

namespace CrazyTrain.Inference.Frames;

/// <summary>
/// Receives <c>train.frames</c> from the messaging library's consumer and hands them to the pipeline. The
/// consumer calls one message at a time, so this returns at once: the frame goes into a one-place slot
/// (the newest wins) and the consumer is free for the next message while the detector works.
/// </summary>
public sealed partial class KafkaFrameFeed(InferenceMetrics metrics, ILogger<KafkaFrameFeed> logger) : ITopicHandler, IFrameFeed
{
    public const string BadHeaders = "bad-headers";

    private readonly Channel<Frame> _latest = Channel.CreateBounded<Frame>(
        // Synchronous continuations: the consumer's own thread carries the frame on to the detector's slot, with no
        // thread-pool hop in between (the reader's work per frame is a few field writes).
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = true, AllowSynchronousContinuations = true },
        _ => metrics.Skipped(SkipReasons.Superseded));

    public Task HandleAsync(ReceivedMessage received, CancellationToken cancellationToken)
    {
        var message = received.Message;
        var frameId = message.HeaderAsInt64(FrameHeaders.FrameId);
        if (frameId is null)
        {
            metrics.Skipped(BadHeaders);
            LogBadHeaders(message.Key, received.Partition, received.Offset, FrameHeaders.FrameId, message.Header(FrameHeaders.FrameId));
            return Task.CompletedTask;
        }

        // Age counts from the grab; without the header the broker's timestamp is the best estimate.
        var capturedAt = message.HeaderAsInt64(FrameHeaders.CapturedAt) is { } ms
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : received.Timestamp;

        // Continue under the consumer's span when one is recorded, else directly under the capture's trace.
        var parent = Activity.Current?.Context ?? received.ParentContext;
        _latest.Writer.TryWrite(new Frame(
            message.Key,
            frameId.Value,
            capturedAt,
            Dimension(message, FrameHeaders.Width),
            Dimension(message, FrameHeaders.Height),
            message.Header(FrameHeaders.ContentType),
            message.Value,
            parent == default ? null : TraceParentOf(parent),
            parent == default ? null : parent.TraceState,
            Stopwatch.GetTimestamp()));
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<Frame> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await _latest.Reader.WaitToReadAsync(cancellationToken))
        {
            while (_latest.Reader.TryRead(out var frame))
            {
                yield return frame;
            }
        }
    }

    private static int? Dimension(TrainMessage message, string header) =>
        message.HeaderAsInt64(header) is { } value and > 0 and <= int.MaxValue ? (int)value : null;

    private static string TraceParentOf(ActivityContext context)
    {
        var headers = new Dictionary<string, string>();
        TraceContext.Inject(context, headers);
        return headers[TraceHeaders.TraceParent];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped a frame from {CameraId} (partition {Partition}, offset {Offset}): header {Header} is '{Value}', a decimal number is expected")]
    private partial void LogBadHeaders(string cameraId, int partition, long offset, string header, string? value);
}
