using System.Globalization;
using CrazyTrain.Messaging;

namespace CrazyTrain.Inference;

/// <summary>
/// Foundation stage only: answers every frame with an empty detection list so traces and topics can be
/// proven end to end. The inference issue replaces it with the ONNX model.
/// </summary>
internal sealed class FramePassThrough(ITrainProducer producer) : ITopicHandler
{
    public Task HandleAsync(ReceivedMessage received, CancellationToken cancellationToken)
    {
        var frame = received.Message;
        var capturedAt = DateTimeOffset.FromUnixTimeMilliseconds(frame.HeaderAsInt64(FrameHeaders.CapturedAt) ?? 0);
        producer.PublishJson(Topics.Detections, frame.Key, new
        {
            frameId = frame.HeaderAsInt64(FrameHeaders.FrameId),
            capturedAt = capturedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            width = frame.HeaderAsInt64(FrameHeaders.Width),
            height = frame.HeaderAsInt64(FrameHeaders.Height),
            model = new { name = "none", version = "0" },
            detections = Array.Empty<object>(),
            timings = new { decodeMs = 0.0, preprocessMs = 0.0, inferenceMs = 0.0, postprocessMs = 0.0 },
        });
        return Task.CompletedTask;
    }
}
