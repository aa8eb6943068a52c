namespace CrazyTrain.Controller.Driving;

/// <summary>
/// One processed camera frame as the policy sees it: what was detected and how sure the model was. Frame ids
/// are monotonic per camera (the <c>train.detections</c> key), so ordering is judged per camera.
/// </summary>
public sealed record DetectionFrame(long FrameId, DateTimeOffset CapturedAt, IReadOnlyList<SignSighting> Detections, string CameraId = "camera");

/// <summary>
/// One detection. <paramref name="WidthFraction"/> is its box's width over the frame's width (how near the sign is, for
/// the near-sign gate, <see cref="DrivingOptions.MinSignWidthFraction"/>); null when the detection came without a box or
/// the frame without a width, and then the sign counts as near: when in doubt, the train obeys it.
/// </summary>
public readonly record struct SignSighting(string Label, double Confidence, double? WidthFraction = null);
