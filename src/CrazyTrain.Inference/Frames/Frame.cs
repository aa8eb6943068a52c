namespace CrazyTrain.Inference.Frames;

/// <summary>
/// One camera frame as it arrives from <c>train.frames</c>: the encoded image plus its headers
/// (docs/contracts.md). Width and height are null when the sender did not announce them.
/// </summary>
public sealed record Frame(
    string CameraId,
    long FrameId,
    DateTimeOffset CapturedAt,
    int? Width,
    int? Height,
    string? ContentType,
    ReadOnlyMemory<byte> Image,
    string? TraceParent,
    string? TraceState);
