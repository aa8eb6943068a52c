using CrazyTrain.Simulation.Scenes;
using CrazyTrain.Simulation.Signs;
using OpenCvSharp;

namespace CrazyTrain.Simulation.Rendering;

/// <summary>
/// Things right in front of the camera (a cloth on one side, the train's own nose at the bottom), painted over the
/// finished frame before the camera's flaws. They are hard negatives, so they keep clear of every target sign's box
/// (the painters shrink or drop them); where they do cover something (a distractor, the track) they mark the id
/// buffer as an occluder, so boxes and visibilities follow the same rule as a brick in front of a sign.
/// </summary>
internal static class NearLayer
{
    public static void Paint(Scene scene, Mat image, Mat ids, int ss, IReadOnlyList<FaceProjection> faces)
    {
        if (scene.NearCloth is null && scene.TrainNose is null) return;
        var targets = faces
            .Where(f => SignKinds.IsTarget(scene.Signs[f.SignIndex].Kind))
            .Select(f => new Rect2d(f.OutlineU.Min() / ss, f.OutlineV.Min() / ss, (f.OutlineU.Max() - f.OutlineU.Min()) / ss, (f.OutlineV.Max() - f.OutlineV.Min()) / ss))
            .ToArray();
        var light = scene.Lighting.Colour;
        if (scene.NearCloth is { } cloth) NearClothPainter.Paint(cloth, image, ids, ss, targets, light);
        if (scene.TrainNose is { } nose) TrainNosePainter.Paint(nose, image, ids, ss, targets, light);
    }

    /// <summary>How far (pixels) a blurred edge of Gaussian <paramref name="sigma"/> still changes a pixel.</summary>
    public static double Reach(double sigma) => (3 * sigma) + 2;

    /// <summary>
    /// Blends <paramref name="colour"/> over the frame's <paramref name="roi"/> by <paramref name="alpha"/> and marks
    /// the id buffer (supersampled by <paramref name="ss"/>) as occluded where the element covers over half a pixel.
    /// </summary>
    public static void Blend(Mat image, Mat ids, int ss, Rect roi, Mat colour, Mat alpha)
    {
        using (var frame = new Mat(image, roi)) Compositing.BlendByAlpha(frame, colour, alpha);
        var idRoi = new Rect(roi.X * ss, roi.Y * ss, roi.Width * ss, roi.Height * ss) & new Rect(0, 0, ids.Cols, ids.Rows);
        using var big = new Mat();
        Cv2.Resize(alpha, big, new Size(roi.Width * ss, roi.Height * ss), 0, 0, InterpolationFlags.Nearest);
        using var covered = new Mat();
        Cv2.Threshold(big, covered, 127, 255, ThresholdTypes.Binary);
        using var idWindow = new Mat(ids, idRoi);
        using var mask = new Mat(covered, new Rect(0, 0, idRoi.Width, idRoi.Height));
        idWindow.SetTo(Scalar.All(DrawContext.Occluder), mask);
    }

    /// <summary>Colour scaled by the scene's light and a brightness.</summary>
    public static Scalar Lit(Scalar colour, Scalar light, double brightness) =>
        new(Math.Min(255, colour.Val0 * light.Val0 * brightness), Math.Min(255, colour.Val1 * light.Val1 * brightness), Math.Min(255, colour.Val2 * light.Val2 * brightness));
}
