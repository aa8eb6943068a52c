using CrazyTrain.Controller.Driving;

namespace CrazyTrain.Controller.Perception;

/// <summary>How a frame stands against the last one accepted from its camera.</summary>
internal enum FrameOrder
{
    /// <summary>Newer than the camera's last frame, or the first from a camera not (or no longer) remembered.</summary>
    Next,

    /// <summary>The same frame id again (a redelivery).</summary>
    Duplicate,

    /// <summary>A lower id captured earlier: an old frame arriving late.</summary>
    OutOfOrder,

    /// <summary>A lower id captured later: the camera restarted and counts from zero again.</summary>
    Restart,
}

/// <summary>
/// The last frame accepted from each camera (the <c>train.detections</c> key), to judge frame order per camera.
/// Bounded: a camera silent for <see cref="ForgetAfter"/> is forgotten, and beyond <see cref="MaxCameras"/> the
/// one seen longest ago goes, so a producer that invents keys cannot grow the controller without limit. A train
/// has one or two cameras; a forgotten camera's next frame simply starts its bookkeeping again.
/// </summary>
internal sealed class CameraLedger
{
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromMinutes(1);
    public const int MaxCameras = 16;

    private readonly Dictionary<string, LastFrame> _cameras = [];

    public int Count => _cameras.Count;

    public FrameOrder Judge(DetectionFrame frame)
    {
        if (!_cameras.TryGetValue(frame.CameraId, out var last) || frame.FrameId > last.FrameId)
        {
            return FrameOrder.Next;
        }

        if (frame.FrameId == last.FrameId)
        {
            return FrameOrder.Duplicate;
        }

        return frame.CapturedAt <= last.CapturedAt ? FrameOrder.OutOfOrder : FrameOrder.Restart;
    }

    /// <summary>Records an accepted frame; returns the cameras forgotten to stay within bounds (usually none).</summary>
    public IReadOnlyList<string> Remember(DetectionFrame frame, DateTimeOffset now)
    {
        _cameras[frame.CameraId] = new LastFrame(frame.FrameId, frame.CapturedAt, now);
        var forgotten = _cameras.Where(c => now - c.Value.SeenAt > ForgetAfter).Select(c => c.Key).ToList();
        while (_cameras.Count - forgotten.Count > MaxCameras)
        {
            // The camera of this frame stays, even when every camera was seen at the same instant.
            forgotten.Add(_cameras.Where(c => c.Key != frame.CameraId && !forgotten.Contains(c.Key)).MinBy(c => c.Value.SeenAt).Key);
        }

        foreach (var camera in forgotten)
        {
            _cameras.Remove(camera);
        }

        return forgotten;
    }

    private readonly record struct LastFrame(long FrameId, DateTimeOffset CapturedAt, DateTimeOffset SeenAt);
}
