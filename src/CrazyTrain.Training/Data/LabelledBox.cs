namespace CrazyTrain.Training.Data;

/// <summary>A ground-truth box in image pixels, xyxy.</summary>
public sealed record LabelledBox(int ClassId, float X1, float Y1, float X2, float Y2)
{
    public float Width => X2 - X1;

    public float Height => Y2 - Y1;
}
