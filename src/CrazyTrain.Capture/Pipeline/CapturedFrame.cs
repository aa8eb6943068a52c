namespace CrazyTrain.Capture.Pipeline;

/// <summary>One encoded frame, ready for <c>train.frames</c>: the value is <see cref="Jpeg"/>, the key <see cref="CameraId"/>.</summary>
public sealed record CapturedFrame(
    string CameraId,
    long FrameId,
    DateTimeOffset CapturedAt,
    int Width,
    int Height,
    byte[] Jpeg)
{
    public const string JpegContentType = "image/jpeg";

    public string ContentType => JpegContentType;
}
