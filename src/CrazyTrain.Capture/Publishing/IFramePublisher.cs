using CrazyTrain.Capture.Pipeline;

namespace CrazyTrain.Capture.Publishing;

/// <summary>
/// The hop to <c>train.frames</c>. Called with the frame's span as <see cref="System.Diagnostics.Activity.Current"/>,
/// so its trace context travels in the headers. Completes when the frame is handed to the broker.
/// </summary>
public interface IFramePublisher
{
    ValueTask PublishAsync(CapturedFrame frame, CancellationToken cancellationToken);
}
