namespace CrazyTrain.Capture.Status;

/// <summary>
/// The body of <c>GET /api/capture</c>. <see cref="TargetFps"/> is null for a live source of unknown rate taken
/// as it comes; <see cref="MeasuredFps"/> covers the last five seconds.
/// </summary>
public sealed record CaptureStatus(
    string CameraId,
    string Source,
    CaptureState State,
    double? TargetFps,
    double MeasuredFps,
    long FramesPublished,
    long FramesDropped,
    long FramesFailed,
    string? LastError,
    DateTimeOffset? FailingSince,
    DateTimeOffset? NextRetryAt,
    DateTimeOffset? RunningSince,
    DateTimeOffset? LastPublishedAt,
    long? LastFrameId,
    DateTimeOffset? LastCapturedAt,
    int Width,
    int Height,
    int JpegQuality);
