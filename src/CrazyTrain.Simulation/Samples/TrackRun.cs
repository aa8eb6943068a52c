using CrazyTrain.Simulation.Geometry;
using CrazyTrain.Simulation.Scenes;

namespace CrazyTrain.Simulation.Samples;

/// <summary>
/// A train running along a track at constant speed through one room: the scene at any moment, for sample
/// videos and for a virtual camera. The camera rides <see cref="CameraHeight"/> above the rails with a small
/// vibration, as a webcam on a LEGO wagon does.
/// </summary>
public sealed record TrackRun(
    string Style,
    TrackLayout Track,
    IReadOnlyList<SignPlacement> Signs,
    TableSpec Table,
    RoomBackdrop Room,
    double Speed,
    double StartDistance = 0)
{
    public double CameraHeight { get; init; } = 0.052;

    public IReadOnlyList<Prop> Props { get; init; } = [];

    public Lighting Lighting { get; init; } = new(new OpenCvSharp.Scalar(1, 1, 1), 0.7, 0.35, 1.0, 0.9);

    public CameraEffects Effects { get; init; } = new() { Noise = 1.5, ChromaNoise = 0.5, Defocus = 0.35, Vignette = 0.2, Resolution = 0.85 };

    public TrackLook TrackLook { get; init; } = TrackLook.DarkBluishGray;

    public ulong Seed { get; init; } = 1;

    /// <summary>The scene <paramref name="seconds"/> after the start.</summary>
    public Scene SceneAt(double seconds)
    {
        var s = StartDistance + Speed * seconds;
        var (at, heading) = Track.PoseAt(s);
        // Wagon vibration: a few tenths of a degree of pitch and roll, the rail joints every 12.8 cm.
        var joint = Math.Sin(2 * Math.PI * s / (16 * TrackLayout.StudPitch));
        var pitch = -0.01 + 0.004 * joint + 0.002 * Math.Sin(seconds * 7.3);
        var roll = 0.003 * Math.Sin(seconds * 5.1 + 1);
        var camera = CameraPose.OnTrain(at, heading + 0.004 * Math.Sin(seconds * 3.7), CameraHeight, pitch, roll);
        var frameSeed = DeterministicRandom.DeriveSeed((long)Seed, (long)Math.Round(seconds * 1000));
        return new Scene(camera, Table, [Track], Signs, Room)
        {
            Style = Style,
            Props = Props,
            Lighting = Lighting,
            Effects = Effects,
            TrackLook = TrackLook,
            NoiseSeed = frameSeed,
        };
    }
}
