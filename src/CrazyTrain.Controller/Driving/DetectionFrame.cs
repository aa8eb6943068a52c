namespace CrazyTrain.Controller.Driving;

/// <summary>One processed camera frame as the policy sees it: what was detected, and how sure the model was.</summary>
public sealed record DetectionFrame(long FrameId, DateTimeOffset CapturedAt, IReadOnlyList<SignSighting> Detections);

public readonly record struct SignSighting(string Label, double Confidence);
