namespace CrazyTrain.Console.State;

/// <summary>A camera frame as the console received it from <c>train.frames</c>.</summary>
public sealed record FrameRecord(
    string CameraId,
    long FrameId,
    DateTimeOffset? CapturedAt,
    DateTimeOffset ReceivedAt,
    int? Width,
    int? Height,
    string ContentType,
    ReadOnlyMemory<byte> Image,
    string? TraceId);

/// <summary>What the page needs to know about a frame (the image itself is fetched separately).</summary>
public sealed record FrameInfo(
    string CameraId,
    long FrameId,
    DateTimeOffset? CapturedAt,
    DateTimeOffset ReceivedAt,
    double? AgeMs,
    int? Width,
    int? Height,
    int Bytes,
    double? Fps,
    string? TraceId)
{
    public static FrameInfo From(FrameRecord frame, DateTimeOffset now, double? fps) => new(
        frame.CameraId,
        frame.FrameId,
        frame.CapturedAt,
        frame.ReceivedAt,
        frame.CapturedAt is { } captured ? Math.Round((now - captured).TotalMilliseconds, 1) : null,
        frame.Width,
        frame.Height,
        frame.Image.Length,
        fps,
        frame.TraceId);
}
