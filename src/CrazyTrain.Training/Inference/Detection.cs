namespace CrazyTrain.Training.Inference;

/// <summary>One detected sign; the box is xyxy in frame pixels.</summary>
public sealed record Detection(int ClassId, string Label, float Score, float X1, float Y1, float X2, float Y2)
{
    public float Width => X2 - X1;

    public float Height => Y2 - Y1;
}
