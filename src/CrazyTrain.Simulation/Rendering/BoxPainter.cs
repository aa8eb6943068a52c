using CrazyTrain.Simulation.Geometry;
using OpenCvSharp;

namespace CrazyTrain.Simulation.Rendering;

/// <summary>Draws lit boxes standing on the table (sign bases, bricks, houses), studs on top when large enough.</summary>
internal static class BoxPainter
{
    public static void Draw(DrawContext ctx, Vec2 at, double z0, double width, double depth, double height, double heading, Scalar colour, bool studs)
    {
        var ax = new Vec3(Math.Cos(heading), Math.Sin(heading), 0);
        var ay = new Vec3(-Math.Sin(heading), Math.Cos(heading), 0);
        var c = new Vec3(at.X, at.Y, z0);
        var hw = width / 2;
        var hd = depth / 2;
        Vec3 Corner(double sx, double sy, double z) => c + ax * (sx * hw) + ay * (sy * hd) + new Vec3(0, 0, z);

        var cam = ctx.Camera.Position;
        (Vec3 Normal, Vec3[] Quad)[] sides =
        [
            (ax, [Corner(1, -1, 0), Corner(1, 1, 0), Corner(1, 1, height), Corner(1, -1, height)]),
            (ax * -1, [Corner(-1, 1, 0), Corner(-1, -1, 0), Corner(-1, -1, height), Corner(-1, 1, height)]),
            (ay, [Corner(1, 1, 0), Corner(-1, 1, 0), Corner(-1, 1, height), Corner(1, 1, height)]),
            (ay * -1, [Corner(-1, -1, 0), Corner(1, -1, 0), Corner(1, -1, height), Corner(-1, -1, height)]),
        ];
        foreach (var (normal, quad) in sides)
        {
            var centre = (quad[0] + quad[2]) * 0.5;
            if (normal.Dot(cam - centre) <= 0) continue;
            ctx.FillLit(quad, colour, normal);
        }

        var top = c + new Vec3(0, 0, height);
        if (cam.Z <= top.Z) return;
        ctx.FillLit([Corner(-1, -1, height), Corner(1, -1, height), Corner(1, 1, height), Corner(-1, 1, height)], colour, new Vec3(0, 0, 1));
        if (!studs) return;

        // Studs: 8 mm pitch, 4.8 mm across, 1.7 mm tall; skipped when smaller than about a pixel.
        if (!ctx.Camera.TryProject(top, out _, out _, out var depthToTop, 0.01)) return;
        var studPixels = 0.0048 * ctx.Camera.Focal / depthToTop;
        if (studPixels < 1.5) return;
        var nx = Math.Max(1, (int)Math.Round(width / 0.008));
        var ny = Math.Max(1, (int)Math.Round(depth / 0.008));
        if (nx * ny > 64) return;
        for (var i = 0; i < nx; i++)
        for (var j = 0; j < ny; j++)
        {
            var sc = top + ax * ((i + 0.5) * width / nx - hw) + ay * ((j + 0.5) * depth / ny - hd);
            Stud(ctx, sc, ax, ay, colour);
        }
    }

    private static void Stud(DrawContext ctx, Vec3 centre, Vec3 ax, Vec3 ay, Scalar colour)
    {
        const int segments = 12;
        var lower = new Vec3[segments];
        var upper = new Vec3[segments];
        for (var k = 0; k < segments; k++)
        {
            var a = 2 * Math.PI * k / segments;
            var offset = ax * (0.0024 * Math.Cos(a)) + ay * (0.0024 * Math.Sin(a));
            lower[k] = centre + offset;
            upper[k] = centre + offset + new Vec3(0, 0, 0.0017);
        }

        if (!ctx.TryProject(lower, out var lp) || !ctx.TryProject(upper, out var up)) return;
        var side = ctx.Lit(colour, ctx.Lighting.Ambient * 0.8);
        Cv2.FillConvexPoly(ctx.Frame, Cv2.ConvexHull(lp.Concat(up)), side, LineTypes.AntiAlias, 3);
        ctx.Fill(up, ctx.Lit(colour, ctx.Lighting.Shade(new Vec3(0, 0, 1)) * 1.08));
    }
}
