using CrazyTrain.Simulation.Geometry;

namespace CrazyTrain.Simulation.Scenes;

/// <summary>
/// Everything needed to draw one camera frame: the camera pose, the table with its tracks, the signs and
/// other things standing on it, what is behind, the light and the camera's own flaws.
/// </summary>
public sealed record Scene(
    CameraPose Camera,
    TableSpec Table,
    IReadOnlyList<TrackLayout> Tracks,
    IReadOnlyList<SignPlacement> Signs,
    Backdrop Backdrop)
{
    public string Style { get; init; } = "custom";

    public TrackLook TrackLook { get; init; } = TrackLook.DarkBluishGray;

    public IReadOnlyList<Prop> Props { get; init; } = [];

    public Lighting Lighting { get; init; } = Lighting.Neutral;

    public CameraEffects Effects { get; init; } = CameraEffects.None;

    /// <summary>Patterned cloth right in front of the camera on one side, or none.</summary>
    public NearCloth? NearCloth { get; init; }

    /// <summary>The train's own nose at the bottom of the frame, or none.</summary>
    public TrainNose? TrainNose { get; init; }

    /// <summary>Seed of the per-frame randomness inside the renderer (sensor noise).</summary>
    public ulong NoiseSeed { get; init; }
}
