using CrazyTrain.Simulation.Signs;
using OpenCvSharp;

namespace CrazyTrain.Simulation.Rendering;

/// <summary>A box in image pixels (continuous coordinates, top-left origin).</summary>
public readonly record struct PixelBox(double X, double Y, double Width, double Height)
{
    public double Right => X + Width;
    public double Bottom => Y + Height;
}

/// <summary>
/// A sign as the camera sees it: the tight box of the visible printed face (not pole or base), clipped to
/// the image, and the visible fraction of the whole face (border clipping and occlusion both count).
/// </summary>
public sealed record SignObservation(int SignIndex, SignKind Kind, PixelBox Box, double Visibility)
{
    public string KindName => SignKinds.Name(Kind);
    public string? Label => SignKinds.Label(Kind);
    public int? ClassIndex => SignKinds.ClassIndex(Kind);
    public bool IsTarget => SignKinds.IsTarget(Kind);
}

/// <summary>A rendered camera frame (BGR, 8 bits) and what is in it. Dispose to free the image.</summary>
public sealed class RenderedFrame : IDisposable
{
    public RenderedFrame(Mat image, IReadOnlyList<SignObservation> signs)
    {
        Image = image;
        Signs = signs;
    }

    public Mat Image { get; }

    public IReadOnlyList<SignObservation> Signs { get; }

    public void Dispose() => Image.Dispose();
}

/// <summary>Output size and optics. Supersampling renders bigger and shrinks, the cheap antialiasing.</summary>
public sealed record RenderSettings
{
    public int Width { get; init; } = 640;
    public int Height { get; init; } = 480;

    /// <summary>A Logitech C505-class webcam sees about 60 degrees across.</summary>
    public double HorizontalFovDegrees { get; init; } = 60;

    public int Supersampling { get; init; } = 2;
}
