using CrazyTrain.Capture.Pipeline;
using CrazyTrain.Messaging;

namespace CrazyTrain.Capture.Publishing;

/// <summary>
/// Produces frames to <c>train.frames</c> and waits for the broker's acknowledgement, so
/// <c>framesPublished</c> counts frames the broker has and a broker outage shows as failed frames and
/// <c>lastError</c> instead of silently filling librdkafka's queue. The wait is bounded by
/// <c>Capture:PublishTimeout</c>; meanwhile the grab loop keeps replacing the waiting frame with a fresher one.
/// </summary>
internal sealed class KafkaFramePublisher(ITrainProducer producer) : IFramePublisher
{
    public async ValueTask PublishAsync(CapturedFrame frame, CancellationToken cancellationToken) =>
        await producer.PublishAndWaitAsync(FrameMessages.ToTrainMessage(frame), cancellationToken);
}
