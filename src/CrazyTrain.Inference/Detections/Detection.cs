namespace CrazyTrain.Inference.Detections;

/// <summary>A sign the model saw: box in frame pixels, top-left origin (docs/contracts.md).</summary>
public sealed record Detection(string Label, float Confidence, BoundingBox Box);

public readonly record struct BoundingBox(float X, float Y, float Width, float Height);

/// <summary>Milliseconds spent in each stage of one image.</summary>
public readonly record struct StageTimings(double DecodeMs, double PreprocessMs, double InferenceMs, double PostprocessMs)
{
    public double TotalMs => DecodeMs + PreprocessMs + InferenceMs + PostprocessMs;
}

public sealed record ModelIdentity(string Name, string Version);

/// <summary>What one image produced, in the per-image shape of the contract.</summary>
public sealed record DetectionResult(
    int Width, int Height, ModelIdentity Model, IReadOnlyList<Detection> Detections, StageTimings Timings);
