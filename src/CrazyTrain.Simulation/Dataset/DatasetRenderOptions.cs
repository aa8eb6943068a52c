using CrazyTrain.Simulation.Scenes;

namespace CrazyTrain.Simulation.Dataset;

/// <summary>What to render into a training or test folder.</summary>
public sealed record DatasetRenderOptions
{
    public required string OutputDirectory { get; init; }

    public int Count { get; init; } = 1000;

    public long Seed { get; init; } = 1;

    /// <summary>Style names to draw from; null means <see cref="SceneStyles.TrainingNames"/>.</summary>
    public IReadOnlyList<string>? Styles { get; init; }

    public int Width { get; init; } = 640;

    public int Height { get; init; } = 480;

    public int JpegQuality { get; init; } = 92;

    /// <summary>Worker threads; each renders its own images from their own seeds, so output does not depend on it.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>A target goes into the YOLO label file only if at least this much of its face is visible.</summary>
    public double MinLabelVisibility { get; init; } = 0.4;

    /// <summary>...and its box is at least this many pixels wide and high.</summary>
    public double MinLabelSize { get; init; } = 4;

    /// <summary>Replace an existing dataset in <see cref="OutputDirectory"/> (otherwise that is an error).</summary>
    public bool Overwrite { get; init; }

    /// <summary>Checks the options and resolves the styles; throws <see cref="ArgumentException"/> naming the problem.</summary>
    public IReadOnlyList<SceneStyle> Validate()
    {
        if (string.IsNullOrWhiteSpace(OutputDirectory)) throw new ArgumentException("An output directory is required.", nameof(OutputDirectory));
        if (Count is < 1 or > 10_000_000) throw new ArgumentException($"Count must be between 1 and 10000000 (got {Count}).", nameof(Count));
        if (Width is < 32 or > 4096 || Height is < 32 or > 4096) throw new ArgumentException($"Image size {Width}x{Height} is out of range (32-4096).", nameof(Width));
        if (JpegQuality is < 1 or > 100) throw new ArgumentException($"JPEG quality must be 1-100 (got {JpegQuality}).", nameof(JpegQuality));
        if (Parallelism < 1) throw new ArgumentException($"Parallelism must be at least 1 (got {Parallelism}).", nameof(Parallelism));
        if (MinLabelVisibility is < 0 or > 1) throw new ArgumentException("MinLabelVisibility must be within 0..1.", nameof(MinLabelVisibility));
        var names = Styles ?? SceneStyles.TrainingNames;
        if (names.Count == 0) throw new ArgumentException("At least one style is required.", nameof(Styles));
        return names.Select(SceneStyles.Get).ToArray();
    }
}
