namespace CrazyTrain.Training.Training;

/// <summary>
/// One batch in the layout the loss expects: images [B,3,S,S] RGB in [0,1]; at stride 4 (G = S/4): heat [B,C,G,G]
/// (Gaussian peaks of exactly 1 at object centres), offset and log-size [B,2,G,G] and mask [B,1,G,G] (1 at centres).
/// </summary>
public sealed class TrainingBatch(int batch, int classes, int crop)
{
    public int Batch { get; } = batch;

    public int Classes { get; } = classes;

    public int Crop { get; } = crop;

    public int Grid => Crop / Model.DetectorShape.OutputStride;

    public float[] Images { get; } = new float[batch * 3 * crop * crop];

    public float[] Heat { get; } = new float[batch * classes * (crop / 4) * (crop / 4)];

    public float[] Offset { get; } = new float[batch * 2 * (crop / 4) * (crop / 4)];

    public float[] LogSize { get; } = new float[batch * 2 * (crop / 4) * (crop / 4)];

    public float[] Mask { get; } = new float[batch * (crop / 4) * (crop / 4)];

    public int Objects { get; set; }
}
