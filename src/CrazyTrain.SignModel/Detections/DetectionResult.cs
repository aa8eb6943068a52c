namespace CrazyTrain.SignModel.Detections;

public sealed record ModelIdentity(string Name, string Version);

/// <summary>What one image produced, in the per-image shape of the contract.</summary>
public sealed record DetectionResult(
    int Width, int Height, ModelIdentity Model, IReadOnlyList<Detection> Detections, StageTimings Timings);
