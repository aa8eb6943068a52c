using CrazyTrain.Simulation.Geometry;
using CrazyTrain.Simulation.Scenes;
using OpenCvSharp;

namespace CrazyTrain.Simulation.Rendering;

/// <summary>
/// The fast path for a live camera moving over one fixed table (the twin's). What does not move is painted once per
/// layout: the room texture, and the table with its track as a far layer (3 mm/px) and a near layer (1 mm/px) over the
/// whole table. Each frame then only looks the room up at every 8th pixel (<see cref="LiveRoomProjection"/>), projects
/// the ground layers from the horizon down, draws what the pose changes (signs, props, shadows) with
/// <see cref="SceneRenderer"/>'s own painters, and applies the camera's flaws in one pass over bytes
/// (<see cref="LiveCameraEffects"/>). Same signs, same exact boxes, the same look within a few grey levels.
/// Supersampling above 1 or a plain backdrop take <see cref="SceneRenderer"/>'s path with the cached ground.
/// One instance per thread.
/// </summary>
public sealed class LiveSceneRenderer : IDisposable
{
    private const double FarResolution = 0.003;
    private const double NearResolution = 0.001;
    private readonly SceneRenderer _scenes;
    private readonly LiveRoomProjection _room = new();
    private readonly LiveCameraEffects _effects = new();
    private readonly Mat _ids;
    private readonly Mat _groundMask;
    private (TableSpec Table, IReadOnlyList<TrackLayout> Tracks, TrackLook Look, GroundLayer? Far, GroundLayer? Near)? _ground;

    public LiveSceneRenderer(RenderSettings? settings = null)
    {
        _scenes = new SceneRenderer(settings);
        _ids = new Mat(Settings.Height, Settings.Width, MatType.CV_16UC1);
        _groundMask = new Mat(Settings.Height, Settings.Width, MatType.CV_8UC1);
    }

    public RenderSettings Settings => _scenes.Settings;

    public RenderedFrame Render(Scene scene, RenderProfile? profile = null)
    {
        ArgumentNullException.ThrowIfNull(scene);
        if (Settings.Supersampling != 1 || scene.Backdrop is not RoomBackdrop room) return _scenes.Render(scene, DrawGround, profile);

        profile?.Begin();
        var camera = new PinholeCamera(scene.Camera, Settings.Width, Settings.Height, Settings.HorizontalFovDegrees);
        var image = new Mat(Settings.Height, Settings.Width, MatType.CV_8UC3);
        _room.Project(_scenes.Room(room), camera, image);
        profile?.Mark("room");
        using var backdrop = scene.Table.Gloss > 0 ? image.Clone() : null;
        DrawGround(scene, camera, image);
        if (backdrop is not null) TableReflection.Add(camera, image, backdrop, scene.Table.Gloss);
        profile?.Mark("ground");

        _ids.SetTo(Scalar.All(0));
        var ctx = new DrawContext(camera, image, _ids, scene.Lighting);
        ContactShadows.Draw(ctx, scene);
        var faces = SceneRenderer.DrawObjects(scene, ctx);
        profile?.Mark("signs, props, shadows");
        var observations = Observations.Measure(faces, scene, _ids, 1, Settings.Width, Settings.Height);
        profile?.Mark("supersampling, boxes");
        _effects.Apply(image, scene.Effects, scene.NoiseSeed, profile);
        return new RenderedFrame(image, observations);
    }

    private void DrawGround(Scene scene, PinholeCamera camera, Mat big)
    {
        var (far, near) = Ground(scene);
        var mask = camera.Width == _groundMask.Cols && camera.Height == _groundMask.Rows ? _groundMask : new Mat(camera.Height, camera.Width, MatType.CV_8UC1);
        try
        {
            mask.SetTo(Scalar.All(0));
            var polygon = SceneRenderer.BelowHorizon(camera);
            if (polygon.Length < 3) return;
            Cv2.FillConvexPoly(mask, polygon, Scalar.All(255));
            // Nothing above the horizon is table, and below the near layer's first row the near layer covers the same
            // table: the far layer is warped only in between.
            var nearRows = SceneRenderer.NearRows(camera, SceneRenderer.NearLimit * 0.9);
            far?.ProjectInto(camera, big, mask, polygon.Min(p => p.Y) - 1, near is null ? null : nearRows);
            // The near layer only where the table is nearer than the renderer's near limit, as SceneRenderer does.
            near?.ProjectInto(camera, big, mask, nearRows);
        }
        finally
        {
            if (!ReferenceEquals(mask, _groundMask)) mask.Dispose();
        }
    }

    private (GroundLayer? Far, GroundLayer? Near) Ground(Scene scene)
    {
        if (_ground is { } g && g.Table == scene.Table && g.Tracks.SequenceEqual(scene.Tracks) && g.Look == scene.TrackLook)
        {
            return (g.Far, g.Near);
        }

        DisposeGround();
        var far = GroundLayer.Paint(scene, scene.Table.Min, scene.Table.Max, FarResolution);
        var near = GroundLayer.Paint(scene, scene.Table.Min, scene.Table.Max, NearResolution);
        _ground = (scene.Table, scene.Tracks, scene.TrackLook, far, near);
        return (far, near);
    }

    private void DisposeGround()
    {
        _ground?.Far?.Dispose();
        _ground?.Near?.Dispose();
        _ground = null;
    }

    public void Dispose()
    {
        DisposeGround();
        _room.Dispose();
        _ids.Dispose();
        _groundMask.Dispose();
        _scenes.Dispose();
    }
}
