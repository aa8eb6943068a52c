namespace CrazyTrain.SignModel.Imaging;

/// <summary>
/// Where a frame landed inside the model's input tensor: scale per axis and padding, so boxes found in
/// tensor pixels can be mapped back to frame pixels.
/// </summary>
public readonly record struct Letterbox(
    int FrameWidth, int FrameHeight, float ScaleX, float ScaleY, int PadX, int PadY, int ResizedWidth, int ResizedHeight)
{
    /// <summary>Keeps the aspect ratio and centres the frame, padding the rest (YOLO-style letterbox).</summary>
    public static Letterbox Fit(int frameWidth, int frameHeight, int inputWidth, int inputHeight)
    {
        var scale = Math.Min((float)inputWidth / frameWidth, (float)inputHeight / frameHeight);
        var width = Math.Clamp((int)MathF.Round(frameWidth * scale), 1, inputWidth);
        var height = Math.Clamp((int)MathF.Round(frameHeight * scale), 1, inputHeight);
        return new Letterbox(
            frameWidth, frameHeight,
            (float)width / frameWidth, (float)height / frameHeight,
            (inputWidth - width) / 2, (inputHeight - height) / 2,
            width, height);
    }

    public static Letterbox Stretch(int frameWidth, int frameHeight, int inputWidth, int inputHeight) =>
        new(frameWidth, frameHeight,
            (float)inputWidth / frameWidth, (float)inputHeight / frameHeight,
            0, 0, inputWidth, inputHeight);

    public float ToFrameX(float x) => Math.Clamp((x - PadX) / ScaleX, 0f, FrameWidth);

    public float ToFrameY(float y) => Math.Clamp((y - PadY) / ScaleY, 0f, FrameHeight);
}
