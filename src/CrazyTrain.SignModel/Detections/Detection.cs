using System.Text.Json.Serialization;

namespace CrazyTrain.SignModel.Detections;

/// <summary>A sign the model saw: box in frame pixels, top-left origin (docs/contracts.md).</summary>
public sealed record Detection(string Label, float Confidence, BoundingBox Box)
{
    /// <summary>The label's index in the model's labels, for scoring; the contract's JSON carries the label only.</summary>
    [JsonIgnore]
    public int ClassId { get; init; }
}

public readonly record struct BoundingBox(float X, float Y, float Width, float Height)
{
    [JsonIgnore]
    public float Right => X + Width;

    [JsonIgnore]
    public float Bottom => Y + Height;
}
