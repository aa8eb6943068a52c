using System.Diagnostics;
using OpenCvSharp;

namespace CrazyTrain.Capture.Pipeline;

/// <summary>A decoded frame between grab and encode, with its id, grab time and the span that starts its trace.</summary>
internal sealed class GrabbedFrame(Mat image, long frameId, DateTimeOffset capturedAt, long grabbedTimestamp, Activity activity) : IDisposable
{
    public Mat Image { get; } = image;

    public long FrameId { get; } = frameId;

    /// <summary>Wall-clock grab time: the <c>captured-at</c> header.</summary>
    public DateTimeOffset CapturedAt { get; } = capturedAt;

    /// <summary>Monotonic grab time, for grab-to-publish latency.</summary>
    public long GrabbedTimestamp { get; } = grabbedTimestamp;

    public Activity Activity { get; } = activity;

    public void Dispose() => Image.Dispose();
}
