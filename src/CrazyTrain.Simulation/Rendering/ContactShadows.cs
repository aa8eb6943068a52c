using CrazyTrain.Simulation.Geometry;
using CrazyTrain.Simulation.Scenes;
using OpenCvSharp;

namespace CrazyTrain.Simulation.Rendering;

/// <summary>
/// Soft shadows on the table under sign bases and props, pushed away from the light: without them objects
/// float above the table. Drawn on the ground before the objects, so they never darken the objects.
/// </summary>
internal static class ContactShadows
{
    public static void Draw(DrawContext ctx, Scene scene)
    {
        var light = scene.Lighting;
        var dir = light.Direction;
        var horizontal = Math.Sqrt(dir.X * dir.X + dir.Y * dir.Y);
        // The shadow leans away from the light, longer when the light is low.
        var away = horizontal < 1e-6 ? new Vec2(0, 0) : new Vec2(-dir.X / horizontal, -dir.Y / horizontal);
        var lean = Math.Clamp(horizontal / Math.Max(0.2, dir.Z), 0, 2.5) * light.Directional;

        var w = ctx.Frame.Cols;
        var h = ctx.Frame.Rows;
        using var mask = new Mat(h, w, MatType.CV_8UC1, Scalar.All(0));
        var any = false;
        foreach (var sign in scene.Signs)
        {
            if (!sign.Mounted) continue;
            any |= Blob(ctx, mask, sign.At, 0.012 * sign.Scale, away, 0.012 + 0.02 * lean, 160);
        }

        foreach (var prop in scene.Props)
        {
            var r = Math.Max(prop.Width, prop.Depth) / 2 + 0.004;
            any |= Blob(ctx, mask, prop.At, r, away, r * 0.4 + prop.Height * 0.3 * lean, 190);
        }

        if (!any) return;
        Cv2.GaussianBlur(mask, mask, new Size(0, 0), Math.Max(1.5, h / 250.0));
        var strength = Math.Clamp(0.35 + 0.4 * light.Directional, 0.3, 0.6);
        unsafe
        {
            for (var y = 0; y < h; y++)
            {
                var m = (byte*)mask.Ptr(y);
                var f = (byte*)ctx.Frame.Ptr(y);
                for (var x = 0; x < w; x++)
                {
                    if (m[x] == 0) continue;
                    var k = 256 - (int)(m[x] * strength);
                    var i = x * 3;
                    f[i] = (byte)((f[i] * k) >> 8);
                    f[i + 1] = (byte)((f[i + 1] * k) >> 8);
                    f[i + 2] = (byte)((f[i + 2] * k) >> 8);
                }
            }
        }
    }

    /// <summary>An ellipse on the table around <paramref name="at"/>, stretched along <paramref name="away"/>.</summary>
    private static bool Blob(DrawContext ctx, Mat mask, Vec2 at, double radius, Vec2 away, double stretch, int value)
    {
        const int n = 20;
        var pts = new Vec3[n];
        var centre = at + away * (stretch / 2);
        var across = new Vec2(-away.Y, away.X);
        for (var i = 0; i < n; i++)
        {
            var (s, c) = Math.SinCos(2 * Math.PI * i / n);
            var p = centre + away * ((radius + stretch / 2) * c) + across * (radius * s);
            pts[i] = new Vec3(p.X, p.Y, 0);
        }

        if (!ctx.TryProject(pts, out var projected)) return false;
        Cv2.FillConvexPoly(mask, projected, Scalar.All(value), LineTypes.AntiAlias, 3);
        return true;
    }
}
