using System.Globalization;
using CrazyTrain.Capture.Pipeline;
using CrazyTrain.Messaging;

namespace CrazyTrain.Capture.Publishing;

/// <summary>A frame as a <c>train.frames</c> message (docs/contracts.md): key camera id, value JPEG, text headers.</summary>
public static class FrameMessages
{
    /// <summary>The message without trace context; the producer adds <c>traceparent</c> from the current span.</summary>
    public static TrainMessage ToTrainMessage(CapturedFrame frame) =>
        TrainMessage.Create(Topics.Frames, frame.CameraId, frame.Jpeg, new Dictionary<string, string>
        {
            [FrameHeaders.FrameId] = frame.FrameId.ToString(CultureInfo.InvariantCulture),
            [FrameHeaders.CapturedAt] = frame.CapturedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            [FrameHeaders.Width] = frame.Width.ToString(CultureInfo.InvariantCulture),
            [FrameHeaders.Height] = frame.Height.ToString(CultureInfo.InvariantCulture),
            [FrameHeaders.ContentType] = frame.ContentType,
        });
}
