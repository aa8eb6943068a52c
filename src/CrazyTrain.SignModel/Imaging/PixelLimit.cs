namespace CrazyTrain.SignModel.Imaging;

/// <summary>The largest image the decoder will allocate, checked against the header before decoding.</summary>
public readonly record struct PixelLimit(int MaxSide, long MaxPixels)
{
    /// <summary>
    /// Live frames and API calls: the camera sends 640x480 and a photo through the API needs no more than 4096x4096
    /// (16.8 MP, 48 MB decoded); anyone on the network can send bytes, so this bound is tight.
    /// </summary>
    public static readonly PixelLimit Live = new(8192, 4096L * 4096);

    /// <summary>
    /// Offline batches read files someone chose: room for full-resolution phone photos (up to 8192x8192, 64 MP,
    /// 192 MB decoded), still far from what a decompression bomb asks for.
    /// </summary>
    public static readonly PixelLimit Offline = new(16384, 8192L * 8192);

    public bool Allows(int width, int height) => width <= MaxSide && height <= MaxSide && (long)width * height <= MaxPixels;
}
