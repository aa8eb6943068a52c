using OpenCvSharp;

namespace CrazyTrain.Simulation.Scenes;

/// <summary>
/// A family of scenes: the kind of room, table, light and camera flaws. Each rendered image draws its own
/// values inside these ranges. Held-out styles are kept for test sets, never rendered for training.
/// </summary>
public sealed record SceneStyle(string Name, string Description)
{
    public bool HeldOut { get; init; }

    public IReadOnlyList<Scalar> WallColours { get; init; } = [new(235, 238, 240)];
    public IReadOnlyList<Scalar> FloorColours { get; init; } = [new(60, 90, 130)];
    public IReadOnlyList<Scalar> FurnitureColours { get; init; } = [new(40, 60, 90), new(230, 230, 230)];
    public IReadOnlyList<(TableMaterial Material, double Weight)> Tables { get; init; } =
        [(TableMaterial.Black, 1), (TableMaterial.DarkBrown, 1), (TableMaterial.Wood, 1)];

    /// <summary>Wall distance range in metres (a hall is far, a small room close).</summary>
    public (double Min, double Max) WallDistance { get; init; } = (1.5, 4.0);

    /// <summary>Chance that windows show bright daylight rather than a dark night.</summary>
    public double Daylight { get; init; } = 0.7;

    /// <summary>How many room items (doors, windows, shelves, furniture) per wall, on average.</summary>
    public double Clutter { get; init; } = 3;

    public double LampChance { get; init; } = 0.5;

    /// <summary>Colour temperature of the main light (K) and how much the webcam's white balance leaves of it.</summary>
    public (double Min, double Max) Kelvin { get; init; } = (3000, 6500);

    public (double Min, double Max) CastStrength { get; init; } = (0.2, 0.6);

    /// <summary>An extra tint of the light (B, G, R gains), e.g. green for fluorescent tubes.</summary>
    public Scalar Tint { get; init; } = new(1, 1, 1);

    public (double Min, double Max) Exposure { get; init; } = (0.75, 1.2);
    public (double Min, double Max) Contrast { get; init; } = (0.75, 1.05);
    public (double Min, double Max) Noise { get; init; } = (1.5, 6);
    public double HazeChance { get; init; } = 0.2;
    public double HazeMax { get; init; } = 0.25;
    public double DefocusMin { get; init; }
    public double DefocusMax { get; init; } = 1.2;

    /// <summary>Extra gain on blue from the camera's white balance (1 = none).</summary>
    public (double Min, double Max) BlueGain { get; init; } = (0.9, 1.12);

    public (double Min, double Max) Saturation { get; init; } = (0.65, 1.35);

    /// <summary>Share of frames whose exposure is pushed until bright windows and walls clip.</summary>
    public double BlowOutChance { get; init; } = 0.25;

    /// <summary>Share of frames with a punchy tone curve (real frames have more contrast than flat renders).</summary>
    public double ToneCurveChance { get; init; } = 0.6;

    public (double Min, double Max) Vignette { get; init; } = (0, 0.45);

    /// <summary>Share of frames from a soft sensor and how much of the resolution it keeps.</summary>
    public double SoftChance { get; init; } = 0.6;

    public (double Min, double Max) SoftResolution { get; init; } = (0.55, 1.0);
    public double MotionBlurChance { get; init; } = 0.35;
    public double MotionBlurMax { get; init; } = 6;

    /// <summary>Share of frames held close to a sign in front of a plain background.</summary>
    public double CloseUpChance { get; init; } = 0.08;

    public IReadOnlyList<Scalar> PlainBackgrounds { get; init; } =
        [new(235, 235, 235), new(200, 205, 210), new(60, 60, 60), new(150, 170, 190), new(30, 30, 30)];

    /// <summary>Share of track frames with bricks, houses and boxes standing around.</summary>
    public double PropChance { get; init; } = 0.5;

    /// <summary>
    /// Weight of vivid patterned fabric (wax prints: yellow, blue, red, black shapes) among wall items: real rooms
    /// have it, out of focus beside the table, and the model took it for danger signs.
    /// </summary>
    public double Fabric { get; init; } = 0.5;

    /// <summary>
    /// Share of track frames with a wax-print cloth right in front of the camera, filling one side out of focus (a
    /// hard negative: the real frames have it and the model took its shapes for danger signs). 0 for close-ups.
    /// </summary>
    public double NearCloth { get; init; } = 0.25;

    /// <summary>Share of track frames showing the train's own nose (bonnet, grey bricks, buffer) at the bottom edge.</summary>
    public double TrainNose { get; init; } = 0.3;

    /// <summary>
    /// A style that imitates one real camera as closely as the renderer can, kept out of training and reported on
    /// its own by the model factory as the stand-in for real photos.
    /// </summary>
    public bool RealLike { get; init; }
}
