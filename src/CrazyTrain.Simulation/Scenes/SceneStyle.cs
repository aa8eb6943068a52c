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
    public double DefocusMax { get; init; } = 1.2;
    public double MotionBlurChance { get; init; } = 0.35;
    public double MotionBlurMax { get; init; } = 6;

    /// <summary>Share of frames held close to a sign in front of a plain background.</summary>
    public double CloseUpChance { get; init; } = 0.08;

    public IReadOnlyList<Scalar> PlainBackgrounds { get; init; } =
        [new(235, 235, 235), new(200, 205, 210), new(60, 60, 60), new(150, 170, 190), new(30, 30, 30)];

    /// <summary>Share of track frames with bricks, houses and boxes standing around.</summary>
    public double PropChance { get; init; } = 0.5;
}
