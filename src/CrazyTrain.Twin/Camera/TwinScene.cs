using CrazyTrain.Simulation.Geometry;
using CrazyTrain.Simulation.Samples;
using CrazyTrain.Simulation.Scenes;
using CrazyTrain.Twin.Episodes;
using CrazyTrain.Twin.Track;
using CrazyTrain.Twin.World;

namespace CrazyTrain.Twin.Camera;

/// <summary>
/// The twin's layout as the renderer knows it, built once per layout: the loop as track segments, the signs as
/// placements facing the oncoming train, the table under the loop and a room around it. Only the camera moves.
/// Built on a <see cref="TwinWorld"/>, it follows the world's episodes: a new episode's layout, signs, room and light
/// are built at the next frame.
/// </summary>
internal sealed class TwinScene
{
    private readonly TwinWorld? _world;
    private readonly CameraOptions _options;
    private TrackRun _run;
    private double _lengthM;
    private int _version;

    public TwinScene(Lineside lineside, CameraOptions options)
    {
        _options = options;
        (_run, _lengthM) = Build(lineside, options.Style, options.Seed, null, options);
    }

    /// <summary>One episode's scenery, fixed (no world to follow): what the camera draws during that episode.</summary>
    public TwinScene(EpisodePlan plan, CameraOptions options)
    {
        _options = options;
        (_run, _lengthM) = Build(plan.BuildLineside(), plan.Style, plan.Seed ?? options.Seed, plan.Lighting, options);
    }

    public TwinScene(TwinWorld world, CameraOptions options)
    {
        _world = world;
        _options = options;
        (_run, _lengthM) = Follow(world);
    }

    private (TrackRun, double) Follow(TwinWorld world)
    {
        var (lineside, plan, version) = world.Scenery();
        _version = version;
        return plan.Seed is { } seed
            ? Build(lineside, plan.Style, seed, plan.Lighting, _options)
            : Build(lineside, _options.Style, _options.Seed, null, _options);
    }

    private static (TrackRun, double) Build(Lineside lineside, string styleName, int seed, EpisodeLighting? lighting, CameraOptions options)
    {
        var layout = lineside.Layout;
        var track = new TrackLayout(new Vec2(0, 0), 0, [.. Segments(layout.Pieces)]);
        var signs = lineside.Signs.Select(sign =>
        {
            var at = lineside.PoseOf(sign);
            return new SignPlacement(sign.Kind, new Vec2(at.XCm / 100, at.YCm / 100), FacingOf(layout, sign));
        }).ToList();
        var (min, max) = Bounds(layout);
        var style = SceneStyles.Get(styleName);
        var centre = new Vec2((min.X + max.X) / 2, (min.Y + max.Y) / 2);
        var table = new TableSpec(TableMaterial.Black, OpenCvSharp.Scalar.All(28), new Vec2(min.X - 0.6, min.Y - 0.6), new Vec2(max.X + 0.6, max.Y + 0.6), (ulong)seed);
        var room = new RoomBackdrop(style.Name, (ulong)seed, 2.6)
        {
            Centre = centre,
            Size = new Vec2(max.X - min.X + 4, max.Y - min.Y + 4),
        };
        // Speed 1 m/s from 0: SceneAt(metres) puts the camera that far along the loop.
        var run = new TrackRun(style.Name, track, signs, table, room, 1.0) { CameraHeight = options.HeightCm / 100, Seed = (ulong)seed };
        if (lighting is not null)
        {
            // The episode's light: its colour as the webcam's white balance leaves half of it, and the webcam's exposure.
            run = run with
            {
                Lighting = new Lighting(LightColour.Gains(lighting.Kelvin, 0.5), lighting.Ambient, lighting.Directional, lighting.Azimuth, lighting.Elevation),
                Effects = run.Effects with { Exposure = lighting.Exposure },
            };
        }

        return (run, layout.LengthCm / 100);
    }

    /// <summary>
    /// The camera's view with the train's front at <paramref name="positionCm"/> along the loop. Sensor noise follows the
    /// frame number: a standing train's camera still sees a new noisy frame each time, as a webcam does.
    /// </summary>
    public Scene At(double positionCm, long frame)
    {
        if (_world is { } world && world.Scenery().Version != _version)
        {
            (_run, _lengthM) = Follow(world);
        }

        var metres = positionCm / 100 % _lengthM;
        var scene = _run.SceneAt(metres < 0 ? metres + _lengthM : metres);
        return scene with { NoiseSeed = DeterministicRandom.DeriveSeed((long)_run.Seed, frame) };
    }

    /// <summary>Which way a sign's face looks: back along the track towards the oncoming train, turned a little towards its path (as the sample videos).</summary>
    public static double FacingOf(TrackLoop layout, LinesideSign sign) =>
        layout.PoseAt(sign.PositionCm).Heading + Math.PI + ((sign.Side == TrackSide.Left ? 1 : -1) * 0.15);

    private static IEnumerable<TrackSegment> Segments(IReadOnlyList<TrackPiece> pieces) => pieces.Select(piece => piece switch
    {
        TrackPiece.Straight => TrackSegment.Straight(LegoTrack.StraightLengthCm / 100),
        TrackPiece.LeftCurve => TrackSegment.Curve(LegoTrack.CurveRadiusCm / 100, LegoTrack.CurveAngle),
        _ => TrackSegment.Curve(LegoTrack.CurveRadiusCm / 100, -LegoTrack.CurveAngle),
    });

    private static (Vec2 Min, Vec2 Max) Bounds(TrackLoop layout)
    {
        double minX = 0, minY = 0, maxX = 0, maxY = 0;
        for (var s = 0.0; s < layout.LengthCm; s += 2)
        {
            var p = layout.PoseAt(s);
            minX = Math.Min(minX, p.XCm);
            minY = Math.Min(minY, p.YCm);
            maxX = Math.Max(maxX, p.XCm);
            maxY = Math.Max(maxY, p.YCm);
        }

        return (new Vec2(minX / 100, minY / 100), new Vec2(maxX / 100, maxY / 100));
    }
}
