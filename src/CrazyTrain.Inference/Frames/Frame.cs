namespace CrazyTrain.Inference.Frames;

/// <summary>
/// One camera frame as it arrives from <c>train.frames</c>: the encoded image plus its headers
/// (docs/contracts.md). Width and height are null when the sender did not announce them.
/// <see cref="ReceivedTimestamp"/> is the <see cref="System.Diagnostics.Stopwatch"/> time it was handed over
/// (0 when unknown), from which the time it waited for the detector is measured.
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
    string? TraceState,
    long ReceivedTimestamp = 0);
