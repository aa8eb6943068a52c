using CrazyTrain.Simulation.Geometry;
using CrazyTrain.Simulation.Scenes;
using CrazyTrain.Simulation.Signs;
using OpenCvSharp;

namespace CrazyTrain.Simulation.Rendering;

/// <summary>What the sign painter learned about a printed face, for the exact box and visibility.</summary>
internal sealed record FaceProjection(int SignIndex, ushort Id, double[] OutlineU, double[] OutlineV, double Area);

/// <summary>
/// Draws one LEGO sign: light-grey 2x2 base with studs, black lamp-post pole, and the printed plate warped
/// from its high-resolution texture (premultiplied, mip-mapped, so small signs blur like a real camera's).
/// </summary>
internal static class SignPainter
{
    private const double PlateThickness = 0.0012;
    private const double PoleRadius = 0.0016;
    private static readonly Scalar PoleColour = new(29, 19, 5);

    public static FaceProjection? Draw(DrawContext ctx, SignPlacement sign, int index)
    {
        var s = sign.Scale;
        var face = SignFaces.Get(sign.Kind, sign.Pictogram, sign.PrintVariant);
        var alpha = sign.Facing + sign.Lean;
        var normal = new Vec3(Math.Cos(alpha), Math.Sin(alpha), 0);
        var right = new Vec3(-Math.Sin(alpha), Math.Cos(alpha), 0);
        var up = new Vec3(0, 0, 1);
        var basePos = new Vec3(sign.At.X, sign.At.Y, 0);
        var centre = basePos + up * (sign.FaceHeight * s) + normal * (0.0035 * s);
        var cam = ctx.Camera.Position;
        var front = normal.Dot(cam - centre) > 0;

        if (sign.Mounted) BoxPainter.Draw(ctx, sign.At, 0, 0.016 * s, 0.016 * s, 0.0032 * s, sign.Facing, LegoPalette.LightBluishGray, true);

        var w = face.WidthMetres * s;
        var h = face.HeightMetres * s;
        Vec3 At(double nx, double ny, Vec3 planeCentre) => planeCentre + right * ((nx - 0.5) * w) + up * ((0.5 - ny) * h);
        var back = centre - normal * (PlateThickness * s);
        var outlineFront = face.Outline.Select(p => At(p.X, p.Y, centre)).ToArray();
        var outlineBack = face.Outline.Select(p => At(p.X, p.Y, back)).ToArray();

        if (!front)
        {
            DrawPlate(ctx, outlineFront, face.PlateColour, normal * -1);
            if (sign.Mounted) DrawPole(ctx, basePos, sign.FaceHeight * s + h * 0.2, s);
            return null;
        }

        if (sign.Mounted) DrawPole(ctx, basePos, sign.FaceHeight * s + h * 0.2, s);
        // The plate's edge: its back outline shows as a rim when the sign is turned. It is part of the
        // plate, so it carries the face's id and counts in its box.
        var id = (ushort)(index + 1);
        DrawPlate(ctx, outlineBack, RoomPainter.Scale(face.PlateColour, 0.75), right, id);
        return DrawFace(ctx, sign, face, index, normal, At, centre, outlineFront, outlineBack);
    }

    private static void DrawPlate(DrawContext ctx, Vec3[] outline, Scalar colour, Vec3 normal, ushort id = DrawContext.Occluder)
    {
        if (!ctx.TryProject(outline, out var pts)) return;
        ctx.Fill(Cv2.ConvexHull(pts), ctx.Lit(colour, ctx.Lighting.Shade(normal)), id);
    }

    private static void DrawPole(DrawContext ctx, Vec3 basePos, double top, double s)
    {
        // A 1x1 round brick at the foot, then the thin bar of the lamp post.
        Cylinder(ctx, basePos + new Vec3(0, 0, 0.0032 * s), basePos + new Vec3(0, 0, 0.0128 * s), 0.0024 * s);
        Cylinder(ctx, basePos + new Vec3(0, 0, 0.0128 * s), basePos + new Vec3(0, 0, top), PoleRadius * s);
    }

    private static void Cylinder(DrawContext ctx, Vec3 bottom, Vec3 top, double radius)
    {
        var cam = ctx.Camera;
        if (!cam.TryProject(bottom, out var u0, out var v0, out var z0, 0.01) || !cam.TryProject(top, out var u1, out var v1, out var z1, 0.01)) return;
        var du = u1 - u0;
        var dv = v1 - v0;
        var len = Math.Sqrt(du * du + dv * dv);
        if (len < 1e-6) return;
        var (pu, pv) = (-dv / len, du / len);
        var r0 = radius * cam.Focal / z0;
        var r1 = radius * cam.Focal / z1;
        Point[] quad =
        [
            DrawContext.Fixed(u0 + pu * r0, v0 + pv * r0), DrawContext.Fixed(u1 + pu * r1, v1 + pv * r1),
            DrawContext.Fixed(u1 - pu * r1, v1 - pv * r1), DrawContext.Fixed(u0 - pu * r0, v0 - pv * r0),
        ];
        ctx.Fill(quad, ctx.Lit(PoleColour, ctx.Lighting.Ambient));
        // Glossy black plastic: a faint highlight along the lit side.
        var side = 0.35;
        var hl = ctx.Lit(new Scalar(70, 70, 70), ctx.Lighting.Directional + 0.3);
        var thickness = Math.Max(1, (int)Math.Round(Math.Min(r0, r1) * 0.5));
        Cv2.Line(ctx.Frame, DrawContext.Fixed(u0 + pu * r0 * side, v0 + pv * r0 * side), DrawContext.Fixed(u1 + pu * r1 * side, v1 + pv * r1 * side), hl, thickness, LineTypes.AntiAlias, 3);
    }

    private static FaceProjection? DrawFace(DrawContext ctx, SignPlacement sign, FaceTexture face, int index, Vec3 normal,
        Func<double, double, Vec3, Vec3> at, Vec3 centre, Vec3[] outline, Vec3[] outlineBack)
    {
        var cam = ctx.Camera;
        var corners = new[] { at(0, 0, centre), at(1, 0, centre), at(1, 1, centre), at(0, 1, centre) };
        var img = new Point2f[4];
        var minU = double.MaxValue;
        var minV = double.MaxValue;
        var maxU = double.MinValue;
        var maxV = double.MinValue;
        for (var i = 0; i < 4; i++)
        {
            if (!cam.TryProject(corners[i], out var u, out var v, out _, 0.01)) return null;
            img[i] = new Point2f((float)(u - 0.5), (float)(v - 0.5));
            minU = Math.Min(minU, u);
            maxU = Math.Max(maxU, u);
            minV = Math.Min(minV, v);
            maxV = Math.Max(maxV, v);
        }

        // Box: the whole plate (printed face and the edge behind it); visibility: the printed face's area.
        var n = outline.Length;
        var ou = new double[2 * n];
        var ov = new double[2 * n];
        for (var i = 0; i < n; i++)
        {
            if (!cam.TryProject(outline[i], out ou[i], out ov[i], out _, 0.01)) return null;
            if (!cam.TryProject(outlineBack[i], out ou[n + i], out ov[n + i], out _, 0.01)) return null;
        }

        var area = 0.0;
        for (int i = 0, j = n - 1; i < n; j = i++) area += (ou[j] + ou[i]) * (ov[j] - ov[i]);
        area = Math.Abs(area) / 2;

        var roi = new Rect((int)Math.Floor(minU) - 2, (int)Math.Floor(minV) - 2, (int)Math.Ceiling(maxU - minU) + 5, (int)Math.Ceiling(maxV - minV) + 5);
        var clipped = roi & new Rect(0, 0, cam.Width, cam.Height);
        var id = (ushort)(index + 1);
        if (clipped.Width <= 0 || clipped.Height <= 0) return new FaceProjection(index, id, ou, ov, area);

        var texture = face.LevelFor(Math.Max(maxU - minU, (maxV - minV) * face.WidthMetres / face.HeightMetres));
        var tw = texture.Cols;
        var th = texture.Rows;
        Point2f[] src = [new(-0.5f, -0.5f), new(tw - 0.5f, -0.5f), new(tw - 0.5f, th - 0.5f), new(-0.5f, th - 0.5f)];
        for (var i = 0; i < 4; i++) img[i] = new Point2f(img[i].X - clipped.X, img[i].Y - clipped.Y);
        using var m = Cv2.GetPerspectiveTransform(src, img);
        using var patch = new Mat();
        Cv2.WarpPerspective(texture, patch, m, clipped.Size, InterpolationFlags.Linear, BorderTypes.Constant, Scalar.All(0));

        var shade = ctx.Lighting.Shade(normal) * sign.PrintBrightness;
        var tint = sign.PrintTint;
        var gain = new Scalar(shade * ctx.Lighting.Colour.Val0 * tint.Val0, shade * ctx.Lighting.Colour.Val1 * tint.Val1, shade * ctx.Lighting.Colour.Val2 * tint.Val2);
        Func<int, int, double>? sheen = null;
        if (sign.Gloss > 0)
        {
            // A soft diagonal band of reflected lamp light across the glossy plate.
            var cw = clipped.Width;
            var ch = clipped.Height;
            var gloss = sign.Gloss;
            sheen = (x, y) =>
            {
                var t = (x / (double)cw + y / (double)ch) - 0.8;
                return gloss * Math.Exp(-t * t * 18) * 0.7;
            };
        }

        Compositing.OverPremultiplied(ctx.Frame, ctx.Ids, patch, clipped.TopLeft, gain, sheen, id);
        return new FaceProjection(index, id, ou, ov, area);
    }
}
