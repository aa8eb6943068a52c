using CrazyTrain.Capture.Pipeline;

namespace CrazyTrain.Capture.Publishing;

/// <summary>
/// The hop to <c>train.frames</c>. Called with the frame's span as <see cref="System.Diagnostics.Activity.Current"/>,
/// so its trace context travels in the headers. Returns once the frame is in the producer's hands (that moment
/// ends the grab-to-produce latency) and completes when the broker has acknowledged it.
/// </summary>
public interface IFramePublisher
{
    ValueTask PublishAsync(CapturedFrame frame, CancellationToken cancellationToken);
}
