using CrazyTrain.Simulation.Geometry;
using CrazyTrain.Simulation.Scenes;
using OpenCvSharp;

namespace CrazyTrain.Simulation.Rendering;

/// <summary>Draws the LEGO clutter around the track: brick stacks, trees and minifigures.</summary>
internal static class PropPainter
{
    private static readonly Scalar Trunk = new(18, 42, 88);
    private static readonly Scalar Skin = Signs.LegoPalette.Yellow;

    public static void Draw(DrawContext ctx, Prop p)
    {
        switch (p.Kind)
        {
            case PropKind.Tree:
                BoxPainter.Draw(ctx, p.At, 0, 0.012, 0.012, p.Height * 0.4, p.Heading, Trunk, false);
                var crown = Math.Max(p.Width, 0.02) / 2;
                Billboard(ctx, new Vec3(p.At.X, p.At.Y, p.Height - crown), crown, crown * 1.15, p.Accent);
                break;
            case PropKind.Minifigure:
                BoxPainter.Draw(ctx, p.At, 0, 0.016, 0.008, 0.013, p.Heading, p.Colour, false);
                BoxPainter.Draw(ctx, p.At, 0.013, 0.016, 0.008, 0.013, p.Heading, p.Accent, false);
                Billboard(ctx, new Vec3(p.At.X, p.At.Y, 0.031), 0.005, 0.0055, Skin);
                break;
            default:
                BoxPainter.Draw(ctx, p.At, 0, p.Width, p.Depth, p.Height, p.Heading, p.Colour, p.Studs);
                break;
        }
    }

    /// <summary>A round blob facing the camera, lit from above (a tree crown, a head).</summary>
    private static void Billboard(DrawContext ctx, Vec3 centre, double radiusX, double radiusY, Scalar colour)
    {
        var cam = ctx.Camera.Position;
        var toCam = new Vec3(cam.X - centre.X, cam.Y - centre.Y, 0);
        if (toCam.Length < 1e-6) return;
        var side = new Vec3(-toCam.Y, toCam.X, 0).Normalized();
        var up = new Vec3(0, 0, 1);
        const int n = 24;
        var ring = new Vec3[n];
        var inner = new Vec3[n];
        for (var i = 0; i < n; i++)
        {
            var (s, c) = Math.SinCos(2 * Math.PI * i / n);
            ring[i] = centre + side * (radiusX * c) + up * (radiusY * s);
            inner[i] = centre + side * (radiusX * 0.55 * c - radiusX * 0.2) + up * (radiusY * 0.55 * s + radiusY * 0.25);
        }

        ctx.FillLit(ring, colour, toCam.Normalized());
        if (ctx.TryProject(inner, out var pts)) Cv2.FillConvexPoly(ctx.Frame, pts, ctx.Lit(colour, ctx.Lighting.Shade(up) * 1.15), LineTypes.AntiAlias, 3);
    }
}
