using System.Diagnostics;
using CrazyTrain.Controller.Driving;
using CrazyTrain.Messaging;

namespace CrazyTrain.Controller.Detections;

/// <summary>
/// Consumes <c>train.detections</c>: each readable frame goes to the train controller inside the frame's trace;
/// unreadable ones are logged and counted, and the train carries on (the fail-safe covers a silent perception).
/// </summary>
internal sealed partial class DetectionHandler(TrainController controller, ControllerTelemetry telemetry, ILogger<DetectionHandler> logger) : ITopicHandler
{
    public Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        if (!DetectionParser.TryParse(message.Message.Value.Span, out var frame, out var error))
        {
            controller.RecordMalformed();
            telemetry.MalformedDetections.Add(1);
            LogMalformed(message.Partition, message.Offset, error);
            return Task.CompletedTask;
        }

        controller.OnFrame(frame with { CameraId = message.Message.Key }, Activity.Current?.Context ?? message.ParentContext);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped a malformed detection message (partition {Partition}, offset {Offset}): {Error}")]
    private partial void LogMalformed(int partition, long offset, string error);
}
