using CrazyTrain.Simulation.Geometry;
using CrazyTrain.Simulation.Scenes;
using OpenCvSharp;

namespace CrazyTrain.Simulation.Rendering;

/// <summary>
/// Renders a <see cref="Scene"/> through a pinhole camera: room backdrop, table and track projected by the
/// table-plane homography, then signs and props in painter's order (far to near), all supersampled, then the
/// camera's flaws. Boxes come from the projected face outlines and the id buffer, so they are exact.
/// One instance is not thread-safe (it keeps the last room painted, for videos); use one per thread.
/// </summary>
public sealed class SceneRenderer : IDisposable
{
    private const double FarLimit = 6.0;
    internal const double NearLimit = 0.6;
    private (RoomBackdrop Key, RoomTexture Texture)? _room;

    public SceneRenderer(RenderSettings? settings = null)
    {
        Settings = settings ?? new RenderSettings();
        ArgumentOutOfRangeException.ThrowIfLessThan(Settings.Supersampling, 1, nameof(RenderSettings.Supersampling));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Settings.Supersampling, 4, nameof(RenderSettings.Supersampling));
    }

    public RenderSettings Settings { get; }

    public RenderedFrame Render(Scene scene, RenderProfile? profile = null) => Render(scene, DrawGround, profile);

    /// <summary>Renders with another way of drawing the table and track (<see cref="LiveSceneRenderer"/>'s cached layers).</summary>
    internal RenderedFrame Render(Scene scene, Action<Scene, PinholeCamera, Mat> drawGround, RenderProfile? profile = null)
    {
        ArgumentNullException.ThrowIfNull(scene);
        profile?.Begin();
        var ss = Settings.Supersampling;
        var w = Settings.Width;
        var h = Settings.Height;
        var camera = new PinholeCamera(scene.Camera, w * ss, h * ss, Settings.HorizontalFovDegrees);
        var lowCamera = new PinholeCamera(scene.Camera, w, h, Settings.HorizontalFovDegrees);

        using var big = new Mat(h * ss, w * ss, MatType.CV_8UC3, Scalar.All(0));
        using var ids = new Mat(h * ss, w * ss, MatType.CV_16UC1, Scalar.All(0));
        DrawBackdrop(scene, lowCamera, big);
        profile?.Mark("room");
        using var backdrop = scene.Table.Gloss > 0 ? big.Clone() : null;
        drawGround(scene, camera, big);
        if (backdrop is not null) TableReflection.Add(camera, big, backdrop, scene.Table.Gloss);
        profile?.Mark("ground");

        var ctx = new DrawContext(camera, big, ids, scene.Lighting);
        ContactShadows.Draw(ctx, scene);
        var faces = DrawObjects(scene, ctx);
        profile?.Mark("signs, props, shadows");

        var image = new Mat();
        if (ss == 1) big.CopyTo(image);
        else Cv2.Resize(big, image, new Size(w, h), 0, 0, InterpolationFlags.Area);
        profile?.Mark("supersampling");
        NearLayer.Paint(scene, image, ids, ss, faces);
        profile?.Mark("near cloth, nose");
        var observations = Observations.Measure(faces, scene, ids, ss, w, h);
        profile?.Mark("boxes");
        CameraEffectsPipeline.Apply(image, scene.Effects, scene.NoiseSeed, profile);
        return new RenderedFrame(image, observations);
    }

    private void DrawBackdrop(Scene scene, PinholeCamera lowCamera, Mat big)
    {
        using var low = new Mat(lowCamera.Height, lowCamera.Width, MatType.CV_8UC3);
        switch (scene.Backdrop)
        {
            case RoomBackdrop room:
                Room(room).Project(lowCamera, low);
                break;
            case PlainBackdrop plain:
                PlainBackdropPainter.Paint(low, plain);
                break;
            default:
                throw new ArgumentException($"Unsupported backdrop {scene.Backdrop.GetType().Name}.", nameof(scene));
        }

        Cv2.Resize(low, big, big.Size(), 0, 0, InterpolationFlags.Linear);
    }

    /// <summary>The room's painted texture, kept while the room stays the same (videos, the live camera).</summary>
    internal RoomTexture Room(RoomBackdrop room)
    {
        if (_room is { } cached && cached.Key == room) return cached.Texture;
        _room?.Texture.Dispose();
        var style = SceneStyles.All.FirstOrDefault(s => s.Name == room.Style) ?? SceneStyles.LivingRoomDaylight;
        var texture = RoomTexture.Paint(room, style);
        _room = (room, texture);
        return texture;
    }

    private static void DrawGround(Scene scene, PinholeCamera camera, Mat big)
    {
        using var groundMask = new Mat(camera.Height, camera.Width, MatType.CV_8UC1, Scalar.All(0));
        if (BelowHorizon(camera) is { Length: >= 3 } polygon) Cv2.FillConvexPoly(groundMask, polygon, Scalar.All(255));

        if (Footprint(camera, FarLimit) is { } far)
        {
            var side = Math.Max(far.Max.X - far.Min.X, far.Max.Y - far.Min.Y);
            var resolution = Math.Max(0.003, side / 1600);
            using var layer = GroundLayer.Paint(scene, far.Min, far.Max, resolution);
            layer?.ProjectInto(camera, big, groundMask);
        }

        if (Footprint(camera, NearLimit) is { } near)
        {
            var side = Math.Max(near.Max.X - near.Min.X, near.Max.Y - near.Min.Y);
            var resolution = Math.Max(0.0006, side / 1100);
            using var layer = GroundLayer.Paint(scene, near.Min, near.Max, resolution);
            if (layer is null) return;
            // Only where the near layer is really the nearer: a distance mask keeps the far layer beyond it.
            using var nearMask = new Mat();
            groundMask.CopyTo(nearMask);
            var horizonRows = NearRows(camera, NearLimit * 0.9);
            if (horizonRows > 0)
            {
                using var above = nearMask.RowRange(0, Math.Min(horizonRows, camera.Height));
                above.SetTo(Scalar.All(0));
            }
            layer.ProjectInto(camera, big, nearMask);
        }
    }

    /// <summary>The part of the image below the horizon (where rays hit the table), as a polygon.</summary>
    internal static Point[] BelowHorizon(PinholeCamera camera)
    {
        // RayZ is affine in (u, v): clip the image rectangle by the half-plane RayZ < 0.
        (double U, double V)[] rect = [(0, 0), (camera.Width, 0), (camera.Width, camera.Height), (0, camera.Height)];
        var result = new List<Point>();
        for (var i = 0; i < rect.Length; i++)
        {
            var a = rect[i];
            var b = rect[(i + 1) % rect.Length];
            var za = camera.RayZ(a.U, a.V);
            var zb = camera.RayZ(b.U, b.V);
            if (za < 0) result.Add(new Point((int)Math.Round(a.U), (int)Math.Round(a.V)));
            if ((za < 0) != (zb < 0))
            {
                var t = za / (za - zb);
                result.Add(new Point((int)Math.Round(a.U + (b.U - a.U) * t), (int)Math.Round(a.V + (b.V - a.V) * t)));
            }
        }

        return result.ToArray();
    }

    /// <summary>First image row (at the image centre column) whose table point is nearer than <paramref name="distance"/>.</summary>
    internal static int NearRows(PinholeCamera camera, double distance)
    {
        var height = camera.Position.Z;
        for (var v = 0; v < camera.Height; v++)
        {
            // Check the whole row: with roll the nearest point of a row may be at either end.
            var far = false;
            foreach (var u in new[] { 0.5, camera.Width / 2.0, camera.Width - 0.5 })
            {
                var ray = camera.Ray(u, v + 0.5);
                if (ray.Z >= -1e-6) { far = true; break; }
                var t = -height / ray.Z;
                if (Math.Sqrt(ray.X * ray.X + ray.Y * ray.Y) * t > distance) { far = true; break; }
            }

            if (!far) return v;
        }

        return camera.Height;
    }

    /// <summary>World rectangle of the table seen within <paramref name="maxDistance"/>, or null when none.</summary>
    private static (Vec2 Min, Vec2 Max)? Footprint(PinholeCamera camera, double maxDistance)
    {
        var c = camera.Position;
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        var any = false;
        const int n = 12;
        for (var i = 0; i <= n; i++)
        for (var j = 0; j <= n; j++)
        {
            var ray = camera.Ray(camera.Width * i / (double)n, camera.Height * j / (double)n);
            var horizontal = Math.Sqrt(ray.X * ray.X + ray.Y * ray.Y);
            Vec2 hit;
            if (ray.Z < -1e-6 && -c.Z / ray.Z * horizontal <= maxDistance)
            {
                var t = -c.Z / ray.Z;
                hit = new Vec2(c.X + ray.X * t, c.Y + ray.Y * t);
            }
            else if (horizontal > 1e-6)
            {
                hit = new Vec2(c.X + ray.X / horizontal * maxDistance, c.Y + ray.Y / horizontal * maxDistance);
            }
            else continue;

            any = true;
            minX = Math.Min(minX, hit.X);
            minY = Math.Min(minY, hit.Y);
            maxX = Math.Max(maxX, hit.X);
            maxY = Math.Max(maxY, hit.Y);
        }

        if (!any) return null;
        const double margin = 0.03;
        return (new Vec2(minX - margin, minY - margin), new Vec2(maxX + margin, maxY + margin));
    }

    internal static List<FaceProjection> DrawObjects(Scene scene, DrawContext ctx)
    {
        var cam = scene.Camera.Position;
        var items = new List<(double Depth, Action Draw)>();
        var faces = new List<FaceProjection>();
        for (var i = 0; i < scene.Signs.Count; i++)
        {
            var sign = scene.Signs[i];
            var index = i;
            var d = new Vec2(sign.At.X - cam.X, sign.At.Y - cam.Y).Length;
            items.Add((d, () =>
            {
                if (SignPainter.Draw(ctx, sign, index) is { } face) faces.Add(face);
            }));
        }

        foreach (var prop in scene.Props)
        {
            var p = prop;
            var d = new Vec2(prop.At.X - cam.X, prop.At.Y - cam.Y).Length;
            items.Add((d, () => PropPainter.Draw(ctx, p)));
        }

        foreach (var (_, draw) in items.OrderByDescending(x => x.Depth)) draw();
        return faces;
    }

    public void Dispose() => _room?.Texture.Dispose();
}
