namespace CrazyTrain.Training.Model;

/// <summary>
/// Channel widths of the detector. Few channels at high resolution keep one 640x480 frame cheap on one CPU core;
/// the stride-4 output keeps 10 px signs 2-3 cells wide. The stride-8 and stride-16 stages, where a sign's print
/// (30 or 50, a pictogram) is told apart, are cheap per channel, so they get the extra width and depth.
/// </summary>
public sealed record DetectorShape(int Stem, int Stride4, int Stride8, int Stride16, int Stride32, int Neck, int Blocks8, int Blocks16)
{
    /// <summary>The shipped model's shape.</summary>
    public static DetectorShape Standard { get; } = new(Stem: 12, Stride4: 24, Stride8: 48, Stride16: 96, Stride32: 128, Neck: 32, Blocks8: 3, Blocks16: 3);

    /// <summary>A model small enough to train in seconds in tests.</summary>
    public static DetectorShape Tiny { get; } = new(Stem: 4, Stride4: 8, Stride8: 8, Stride16: 8, Stride32: 8, Neck: 8, Blocks8: 1, Blocks16: 1);

    public const int OutputStride = 4;

    private static DetectorShape Parse(int[] v) => new(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);

    public override string ToString() => $"{Stem},{Stride4},{Stride8},{Stride16},{Stride32},{Neck},{Blocks8},{Blocks16}";

    public static DetectorShape Named(string name) => name switch
    {
        "standard" => Standard,
        "tiny" => Tiny,
        _ when name.Split(',') is { Length: 8 } parts && parts.All(p => int.TryParse(p, out _)) =>
            Parse(parts.Select(int.Parse).ToArray()),
        _ => throw new ArgumentException($"Unknown detector shape '{name}' (use 'standard', 'tiny' or eight comma-separated widths).", nameof(name)),
    };
}
