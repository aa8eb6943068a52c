using System.Collections.Concurrent;
using System.Diagnostics;
using CrazyTrain.Capture.Pipeline;
using CrazyTrain.Capture.Publishing;
using CrazyTrain.Messaging;

namespace CrazyTrain.Capture.Tests.Support;

/// <summary>Keeps every published frame with the span that was current while it was published.</summary>
internal sealed class RecordingFramePublisher : IFramePublisher
{
    private readonly ConcurrentQueue<Published> _frames = new();

    public sealed record Published(CapturedFrame Frame, ActivityTraceId? TraceId, ActivitySpanId? SpanId, string? ParentId, string? TraceParent);

    /// <summary>Runs before a frame is recorded; a test can block or throw here.</summary>
    public Func<CapturedFrame, CancellationToken, Task>? OnPublish { get; set; }

    public IReadOnlyList<Published> Frames => _frames.ToArray();

    public async ValueTask PublishAsync(CapturedFrame frame, CancellationToken cancellationToken)
    {
        if (OnPublish is { } hook)
        {
            await hook(frame, cancellationToken);
        }

        var activity = Activity.Current;
        var headers = new Dictionary<string, string>();
        TraceContext.Inject(activity?.Context ?? default, headers);
        var traceParent = headers.GetValueOrDefault(TraceHeaders.TraceParent);
        _frames.Enqueue(new Published(frame, activity?.TraceId, activity?.SpanId, activity?.ParentId, traceParent));
    }
}
