using System.Diagnostics;
using CrazyTrain.Messaging;

namespace CrazyTrain.Inference.Frames;

/// <summary>Publishes a frame's detections to <c>train.detections</c>, keyed by camera, in the frame's trace.</summary>
public sealed class KafkaDetectionPublisher(ITrainProducer producer) : IDetectionPublisher
{
    public Task PublishAsync(string cameraId, DetectionMessage message, ActivityContext traceContext, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, string> { [FrameHeaders.ContentType] = "application/json" };

        // The producer rewrites these from its publish span when one is recorded; otherwise they carry the trace on.
        TraceContext.Inject(traceContext, headers);
        producer.Publish(TrainMessage.Create(Topics.Detections, cameraId, message.ToUtf8Json(), headers));
        return Task.CompletedTask;
    }
}
