namespace CrazyTrain.Controller.Driving;

/// <summary>
/// One processed camera frame as the policy sees it: what was detected and how sure the model was. Frame ids
/// are monotonic per camera (the <c>train.detections</c> key), so ordering is judged per camera.
/// </summary>
public sealed record DetectionFrame(long FrameId, DateTimeOffset CapturedAt, IReadOnlyList<SignSighting> Detections, string CameraId = "camera");

public readonly record struct SignSighting(string Label, double Confidence);
