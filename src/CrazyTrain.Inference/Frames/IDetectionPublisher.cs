using System.Diagnostics;

namespace CrazyTrain.Inference.Frames;

/// <summary>Where a frame's detections go (Kafka <c>train.detections</c> in the service).</summary>
public interface IDetectionPublisher
{
    /// <param name="cameraId">The message key: the camera the frame came from.</param>
    /// <param name="message">The contract's JSON document.</param>
    /// <param name="traceContext">The frame's trace, to continue in the message headers.</param>
    Task PublishAsync(string cameraId, DetectionMessage message, ActivityContext traceContext, CancellationToken cancellationToken);
}
