namespace CrazyTrain.Training.Training;

/// <summary>Everything that decides a training run; recorded in the checkpoint so a run can be repeated.</summary>
public sealed record TrainOptions
{
    public required string Data { get; init; }

    public required string Output { get; init; }

    public string Shape { get; init; } = "standard";

    public int Steps { get; init; } = 3000;

    public int BatchSize { get; init; } = 16;

    public int Crop { get; init; } = 192;

    public double LearningRate { get; init; } = 3e-3;

    public double WeightDecay { get; init; } = 1e-4;

    public int WarmupSteps { get; init; } = 150;

    public int Seed { get; init; } = 1;

    public int Threads { get; init; } = 1;

    /// <summary>
    /// Wall-clock budget in minutes (0: none). The learning-rate schedule follows whichever of steps or time runs
    /// out first, so a run on a busy machine still ends with a decayed learning rate.
    /// </summary>
    public double MaxMinutes { get; init; }

    /// <summary>
    /// Comma-separated labels whose signs get <see cref="FocusShare"/> of the crops, the other crops being drawn as
    /// usual (null: none): a fine-tuning run aims its steps at the classes the model still confuses.
    /// </summary>
    public string? Focus { get; init; }

    public double FocusShare { get; init; }

    /// <summary>
    /// Share of the crops not aimed at <see cref="Focus"/> that are centred on a target sign narrower than
    /// <see cref="CropSampler.SmallSignWidth"/> (0: none): the detector finds small signs but scores them low.
    /// </summary>
    public double SmallShare { get; init; }

    /// <summary>A run folder whose weights start this run (fine-tuning); null starts from random weights.</summary>
    public string? InitFrom { get; init; }

    /// <summary>
    /// An exported ONNX model whose weights start this run (e.g. the shipped model, whose TorchSharp run is not
    /// kept); null: none. Its batch norm was folded away, so such a run freezes batch norm (see below).
    /// </summary>
    public string? InitFromOnnx { get; init; }

    /// <summary>
    /// Keep every batch norm on its running statistics while training (gamma and beta still learn). Always so when
    /// starting from <see cref="InitFromOnnx"/>: the batch statistics the folded weights were trained with are unknown.
    /// </summary>
    public bool FreezeBatchNorm { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public bool FreezesBatchNorm => FreezeBatchNorm || InitFromOnnx is not null;

    public void Validate()
    {
        if (Steps < 1 || BatchSize < 1 || Threads < 1)
        {
            throw new ArgumentException("steps, batch size and threads must be at least 1.");
        }

        if (Crop < 64 || Crop % 32 != 0)
        {
            throw new ArgumentException($"crop must be a multiple of 32 and at least 64 (got {Crop}).");
        }

        if (FocusShare is < 0 or > 1 || SmallShare is < 0 or > 1)
        {
            throw new ArgumentException($"focus and small-sign shares must be between 0 and 1 (got {FocusShare} and {SmallShare}).");
        }

        if (InitFrom is not null && InitFromOnnx is not null)
        {
            throw new ArgumentException("Start from a run folder (--init-from) or from an ONNX model (--init-from-onnx), not both.");
        }

        if (InitFromOnnx is not null && !File.Exists(InitFromOnnx))
        {
            throw new FileNotFoundException($"ONNX model '{InitFromOnnx}' does not exist.", InitFromOnnx);
        }

        if (!Directory.Exists(Path.Combine(Data, "images")))
        {
            throw new DirectoryNotFoundException($"Training data '{Data}' has no images/ folder.");
        }
    }
}
