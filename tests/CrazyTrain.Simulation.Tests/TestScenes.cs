using CrazyTrain.Simulation.Geometry;
using CrazyTrain.Simulation.Rendering;
using CrazyTrain.Simulation.Scenes;
using CrazyTrain.Simulation.Signs;
using OpenCvSharp;

namespace CrazyTrain.Simulation.Tests;

/// <summary>Minimal scenes for exact checks: uniform backdrop, no table, no camera effects.</summary>
internal static class TestScenes
{
    public static readonly Scalar Background = new(90, 140, 90);

    public static Scene Plain(params SignPlacement[] signs) => new(
        CameraPose.OnTrain(new Vec2(0, 0), Math.PI / 2, height: 0.056),
        new TableSpec(TableMaterial.Black, Scalar.All(30), new Vec2(50, 50), new Vec2(51, 51), 1),
        [],
        signs,
        new PlainBackdrop(Background, Background, 0, 1))
    {
        Lighting = new Lighting(new Scalar(1, 1, 1), 1.0, 0.0, 0, 1),
    };

    /// <summary>A bare plate (no pole or base) at <paramref name="distance"/> ahead, turned by <paramref name="yaw"/>.</summary>
    public static SignPlacement Plate(SignKind kind, double distance, double lateral = 0, double yaw = 0) =>
        new(kind, new Vec2(lateral, distance), -Math.PI / 2 + yaw) { Mounted = false, FaceHeight = 0.056 };

    /// <summary>
    /// Pixel extent [x0, x1) x [y0, y1) of everything clearly different from the background: a grey-level
    /// difference of 30 is roughly a third covered for these plates, so antialiased rims count as they would
    /// for a person drawing the box.
    /// </summary>
    public static (int X0, int Y0, int X1, int Y1)? ForegroundExtent(Mat image, int threshold = 30)
    {
        using var diff = new Mat();
        using var bg = new Mat(image.Size(), image.Type(), Background);
        Cv2.Absdiff(image, bg, diff);
        using var gray = new Mat();
        Cv2.CvtColor(diff, gray, ColorConversionCodes.BGR2GRAY);
        using var mask = new Mat();
        Cv2.Threshold(gray, mask, threshold, 255, ThresholdTypes.Binary);
        if (Cv2.CountNonZero(mask) == 0) return null;
        var r = Cv2.BoundingRect(mask);
        return (r.X, r.Y, r.Right, r.Bottom);
    }

    public static SceneRenderer Renderer() => new(new RenderSettings());
}
