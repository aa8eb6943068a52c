namespace CrazyTrain.Capture.Options;

/// <summary>The <c>Capture</c> configuration section: one camera (or stand-in) per service instance.</summary>
public sealed class CaptureOptions
{
    public const string SectionName = "Capture";

    /// <summary>The Kafka key of every frame; consumers tell cameras apart by it.</summary>
    public string CameraId { get; set; } = "front";

    /// <summary>
    /// <c>File</c>, <c>Camera</c>, <c>GStreamer</c> or <c>Stream</c>. Empty: guessed from <see cref="Source"/>
    /// (a URL is a stream, <c>/dev/video*</c> or a number is a camera, a string with <c>!</c> is a pipeline).
    /// Kept as text so a typo is reported with the list of kinds instead of a binder exception.
    /// </summary>
    public string? Kind { get; set; }

    /// <summary>
    /// The file path, device, pipeline or URL. Empty: in Simulation mode the stop-sign sample video, in
    /// Hardware mode <c>/dev/video0</c>.
    /// </summary>
    public string? Source { get; set; }

    /// <summary>Frame width asked of cameras and the largest width published (bigger frames are scaled down).</summary>
    public int Width { get; set; } = 640;

    /// <summary>Frame height asked of cameras and the largest height published.</summary>
    public int Height { get; set; } = 480;

    /// <summary>
    /// Frames per second to publish. Empty: in Simulation mode <see cref="SimulationFps"/> with the video played at
    /// real time; otherwise the source's own rate (a file's recorded rate, a camera's mode).
    /// </summary>
    public double? Fps { get; set; }

    /// <summary>How a video file meets <see cref="Fps"/>. Empty: <c>RealTime</c> when Simulation chose the rate, else <c>EachFrameOnce</c>.</summary>
    public FilePlayback? FilePlayback { get; set; }

    /// <summary>The camera rate Simulation mode stands in for: the train's camera runs at 30 frames/s.</summary>
    public const double SimulationFps = 30;

    /// <summary>Manual camera exposure in the driver's units (V4L2: 100 µs steps). Empty: automatic exposure.</summary>
    public double? Exposure { get; set; }

    /// <summary>JPEG quality, 1 to 100.</summary>
    public int JpegQuality { get; set; } = 80;

    /// <summary>Start capturing when the service starts; otherwise wait for <c>POST /api/capture/start</c>.</summary>
    public bool AutoStart { get; set; } = true;

    /// <summary>Start a video file again at its end.</summary>
    public bool Loop { get; set; } = true;

    /// <summary>Grabbed frames waiting for the encoder (1 or 2): the oldest is dropped when it is full.</summary>
    public int QueueCapacity { get; set; } = 1;

    /// <summary>First wait before reopening a source that failed; doubles up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryInitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a source may fail before health turns from Degraded to Unhealthy.</summary>
    public TimeSpan UnhealthyAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A running capture that has published nothing for this long (or three frame periods) is Degraded.</summary>
    public TimeSpan StallAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a network stream or camera may stay silent before it counts as lost.</summary>
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one frame may wait for the broker before it counts as failed and the next one goes.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
