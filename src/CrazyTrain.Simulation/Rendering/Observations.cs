using CrazyTrain.Simulation.Scenes;
using OpenCvSharp;

namespace CrazyTrain.Simulation.Rendering;

/// <summary>Turns drawn faces and the id buffer into exact boxes and visibilities in output pixels.</summary>
internal static class Observations
{
    public static IReadOnlyList<SignObservation> Measure(IReadOnlyList<FaceProjection> faces, Scene scene, Mat ids, int ss, int width, int height)
    {
        var result = new List<SignObservation>();
        foreach (var face in faces.OrderBy(f => f.SignIndex))
        {
            var x0 = Math.Max(0, face.OutlineU.Min() / ss);
            var x1 = Math.Min(width, face.OutlineU.Max() / ss);
            var y0 = Math.Max(0, face.OutlineV.Min() / ss);
            var y1 = Math.Min(height, face.OutlineV.Max() / ss);
            if (x1 <= x0 || y1 <= y0 || face.Area <= 0) continue;

            // A face owns pixels only inside its projected outline: search there (plus a rim of slack), not the frame.
            var search = SearchWindow(face, ids);
            using var window = new Mat(ids, search);
            using var mask = new Mat();
            Cv2.Compare(window, Scalar.All(face.Id), mask, CmpTypes.EQ);
            var visible = Cv2.CountNonZero(mask);
            if (visible == 0) continue;
            var found = Cv2.BoundingRect(mask);
            var extent = new Rect(found.X + search.X, found.Y + search.Y, found.Width, found.Height);

            // Occluders shrink the box to what is still seen; one supersampled pixel of slack covers the
            // antialiased rim that the id buffer (over half covered only) leaves out.
            x0 = Math.Max(x0, (extent.X - 1.0) / ss);
            y0 = Math.Max(y0, (extent.Y - 1.0) / ss);
            x1 = Math.Min(x1, (extent.Right + 1.0) / ss);
            y1 = Math.Min(y1, (extent.Bottom + 1.0) / ss);
            var visibility = Math.Clamp(visible / face.Area, 0, 1);
            var kind = scene.Signs[face.SignIndex].Kind;
            result.Add(new SignObservation(face.SignIndex, kind, new PixelBox(x0, y0, x1 - x0, y1 - y0), Math.Round(visibility, 3)));
        }

        return result;
    }

    private static Rect SearchWindow(FaceProjection face, Mat ids)
    {
        const int slack = 4;
        var x0 = Math.Clamp((int)Math.Floor(face.OutlineU.Min()) - slack, 0, ids.Cols);
        var y0 = Math.Clamp((int)Math.Floor(face.OutlineV.Min()) - slack, 0, ids.Rows);
        var x1 = Math.Clamp((int)Math.Ceiling(face.OutlineU.Max()) + slack, x0, ids.Cols);
        var y1 = Math.Clamp((int)Math.Ceiling(face.OutlineV.Max()) + slack, y0, ids.Rows);
        return new Rect(x0, y0, x1 - x0, y1 - y0);
    }
}
