using System.Diagnostics;

namespace CrazyTrain.Capture.Telemetry;

/// <summary>The trace side: one root span per frame, from grab to hand-off to Kafka.</summary>
internal static class CaptureTelemetry
{
    public const string Name = "CrazyTrain.Capture";

    public const string FrameActivityName = "capture frame";

    public static readonly ActivitySource ActivitySource = new(Name);

    /// <summary>
    /// Starts the frame's trace as a root, whatever span happens to be current. With no listener attached
    /// (tests, telemetry off) a bare W3C activity still gives the frame a trace id, so <c>traceparent</c>
    /// is always there for inference and the controller to continue.
    /// </summary>
    public static Activity StartFrameActivity(string cameraId, long frameId)
    {
        var previous = Activity.Current;
        Activity.Current = null;
        try
        {
            var activity = ActivitySource.StartActivity(FrameActivityName, ActivityKind.Internal)
                ?? new Activity(FrameActivityName).SetIdFormat(ActivityIdFormat.W3C).Start();
            activity.SetTag("crazytrain.camera.id", cameraId);
            activity.SetTag("crazytrain.frame.id", frameId);
            return activity;
        }
        finally
        {
            // The span lives on in the publish loop; the grab loop must not keep it as its current span.
            Activity.Current = previous;
        }
    }
}
