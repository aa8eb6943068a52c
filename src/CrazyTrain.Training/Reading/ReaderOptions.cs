namespace CrazyTrain.Training.Reading;

/// <summary>Everything that decides a sign reader run; recorded in its checkpoint so the run can be repeated.</summary>
public sealed record ReaderOptions
{
    /// <summary>A rendered folder (images/, labels/, annotations.jsonl for the distractors).</summary>
    public required string Data { get; init; }

    public required string Output { get; init; }

    /// <summary>A folder the finished reader is scored on (null: none).</summary>
    public string? Validation { get; init; }

    public int Steps { get; init; } = 3000;

    public int BatchSize { get; init; } = 64;

    public double LearningRate { get; init; } = 3e-3;

    public double WeightDecay { get; init; } = 1e-4;

    public int WarmupSteps { get; init; } = 100;

    public int Seed { get; init; } = 1;

    public int Threads { get; init; } = 1;

    /// <summary>Comma-separated labels whose signs are drawn twice as often as the other classes' (null: none).</summary>
    public string? Focus { get; init; }

    /// <summary>Wall-clock budget of the optimisation in minutes (0: none); the schedule ends with it as in the detector's runs.</summary>
    public double MaxMinutes { get; init; }

    /// <summary>An exported ONNX model whose sign reader (<see cref="InitReader"/>) starts this run, batch norm frozen; null: random weights.</summary>
    public string? InitFromOnnx { get; init; }

    /// <summary>Which reader of <see cref="InitFromOnnx"/> (0: the first; an ensemble holds several).</summary>
    public int InitReader { get; init; }

    /// <summary>
    /// An exported model run over <see cref="Data"/> first: its confident detections away from every target sign (posters,
    /// fabric, plates it takes for signs) become "other" crops (<see cref="Evaluation.HardNegatives"/>); null: none.
    /// </summary>
    public string? HardNegativesFrom { get; init; }

    public void Validate()
    {
        if (InitFromOnnx is not null && !File.Exists(InitFromOnnx))
        {
            throw new FileNotFoundException($"ONNX model '{InitFromOnnx}' does not exist.", InitFromOnnx);
        }

        if (Steps < 1 || BatchSize < 3 || Threads < 1)
        {
            throw new ArgumentException("steps and threads must be at least 1, the batch at least 3 (one crop per reading).");
        }

        if (HardNegativesFrom is not null && !File.Exists(HardNegativesFrom))
        {
            throw new FileNotFoundException($"ONNX model '{HardNegativesFrom}' (hard negatives) does not exist.", HardNegativesFrom);
        }

        if (!Directory.Exists(Path.Combine(Data, "images")))
        {
            throw new DirectoryNotFoundException($"Training data '{Data}' has no images/ folder.");
        }

        if (Validation is not null && !Directory.Exists(Path.Combine(Validation, "images")))
        {
            throw new DirectoryNotFoundException($"Validation data '{Validation}' has no images/ folder.");
        }
    }
}
