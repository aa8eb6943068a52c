namespace CrazyTrain.Capture.Options;

/// <summary>Where frames come from. Every kind is read through OpenCV except <see cref="Stream"/> over HTTP.</summary>
public enum FrameSourceKind
{
    /// <summary>A video file, looped and paced at real time.</summary>
    File,

    /// <summary>A V4L2 camera: <c>/dev/videoN</c> or its index.</summary>
    Camera,

    /// <summary>A GStreamer pipeline ending in <c>appsink</c> (the Jetson CSI camera).</summary>
    GStreamer,

    /// <summary>A network camera: MJPEG over HTTP(S) or RTSP.</summary>
    Stream,
}
