using CrazyTrain.Simulation.Geometry;
using CrazyTrain.Simulation.Scenes;
using OpenCvSharp;

namespace CrazyTrain.Simulation.Rendering;

/// <summary>The supersampled frame being drawn, with its id buffer (which object owns each pixel).</summary>
internal sealed class DrawContext
{
    public const ushort Occluder = ushort.MaxValue;
    private const int Shift = 3;
    private const double One = 1 << Shift;

    public DrawContext(PinholeCamera camera, Mat frame, Mat ids, Lighting lighting)
    {
        Camera = camera;
        Frame = frame;
        Ids = ids;
        Lighting = lighting;
    }

    public PinholeCamera Camera { get; }
    public Mat Frame { get; }
    public Mat Ids { get; }
    public Lighting Lighting { get; }

    /// <summary>Projects world points to OpenCV fixed-point pixel coordinates; false if any is behind the camera.</summary>
    public bool TryProject(IReadOnlyList<Vec3> world, out Point[] points)
    {
        points = new Point[world.Count];
        for (var i = 0; i < world.Count; i++)
        {
            if (!Camera.TryProject(world[i], out var u, out var v, out _, 0.01)) return false;
            points[i] = Fixed(u, v);
        }

        return true;
    }

    public static Point Fixed(double u, double v) => new((int)Math.Round((u - 0.5) * One), (int)Math.Round((v - 0.5) * One));

    /// <summary>Fills a convex polygon, lit for its normal, and marks it as an occluder.</summary>
    public void FillLit(IReadOnlyList<Vec3> world, Scalar colour, Vec3 normal, ushort id = Occluder)
    {
        if (!TryProject(world, out var pts)) return;
        var shade = Lighting.Shade(normal);
        Fill(pts, Lit(colour, shade), id);
    }

    public void Fill(Point[] pts, Scalar colour, ushort id = Occluder)
    {
        Cv2.FillConvexPoly(Frame, pts, colour, LineTypes.AntiAlias, Shift);
        Cv2.FillConvexPoly(Ids, pts, Scalar.All(id), LineTypes.Link8, Shift);
    }

    public Scalar Lit(Scalar colour, double shade) =>
        new(Math.Min(255, colour.Val0 * shade * Lighting.Colour.Val0),
            Math.Min(255, colour.Val1 * shade * Lighting.Colour.Val1),
            Math.Min(255, colour.Val2 * shade * Lighting.Colour.Val2));
}
