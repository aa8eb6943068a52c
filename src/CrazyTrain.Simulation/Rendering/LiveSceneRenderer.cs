using CrazyTrain.Simulation.Scenes;
using OpenCvSharp;

namespace CrazyTrain.Simulation.Rendering;

/// <summary>
/// The fast path for a live camera moving over one fixed table (the twin's): what does not move is painted once per
/// table and track (the room texture, and the table with its track as a far layer at 3 mm/px and a near layer at
/// 1 mm/px over the whole table); each frame only projects those layers through the camera's table homography and
/// draws what depends on the pose (signs, props, shadows) and the camera's flaws through <see cref="SceneRenderer"/>'s
/// own code. Same look and exact boxes; the per-frame ground painting, the bulk of the work, is gone.
/// One instance per thread.
/// </summary>
public sealed class LiveSceneRenderer : IDisposable
{
    private const double FarResolution = 0.003;
    private const double NearResolution = 0.001;
    private readonly SceneRenderer _scenes;
    private (TableSpec Table, IReadOnlyList<TrackLayout> Tracks, TrackLook Look, GroundLayer? Far, GroundLayer? Near)? _ground;

    public LiveSceneRenderer(RenderSettings? settings = null) => _scenes = new SceneRenderer(settings);

    public RenderSettings Settings => _scenes.Settings;

    public RenderedFrame Render(Scene scene, RenderProfile? profile = null) => _scenes.Render(scene, DrawGround, profile);

    private void DrawGround(Scene scene, Geometry.PinholeCamera camera, Mat big)
    {
        var (far, near) = Ground(scene);
        using var groundMask = new Mat(camera.Height, camera.Width, MatType.CV_8UC1, Scalar.All(0));
        if (SceneRenderer.BelowHorizon(camera) is { Length: >= 3 } polygon) Cv2.FillConvexPoly(groundMask, polygon, Scalar.All(255));
        far?.ProjectInto(camera, big, groundMask);
        // The near layer only where the table is nearer than the renderer's near limit, as SceneRenderer does.
        near?.ProjectInto(camera, big, groundMask, SceneRenderer.NearRows(camera, SceneRenderer.NearLimit * 0.9));
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
        _scenes.Dispose();
    }
}
