using CrazyTrain.Training.Training;

namespace CrazyTrain.Training.Reading;

/// <summary>What a reader run leaves beside its weights (<c>reader.pt</c>): enough to export and to trace it.</summary>
public sealed record ReaderCheckpoint
{
    public const string WeightsFile = "reader.pt";
    public const string DescriptionFile = "reader.json";

    /// <summary>The target labels it reads, after "other".</summary>
    public required IReadOnlyList<string> Labels { get; init; }

    /// <summary><see cref="Model.SignReader.Design"/> of the reader that wrote the weights.</summary>
    public required string Design { get; init; }

    public required ReaderOptions Options { get; init; }

    public required string Command { get; init; }

    public required string DatasetHash { get; init; }

    public required string Commit { get; init; }

    public required string TrainedAt { get; init; }

    public double LoadSeconds { get; init; }

    public double TrainSeconds { get; init; }

    public double FinalLoss { get; init; }

    public int StepsCompleted { get; init; }

    /// <summary>The exported model whose reader started the run (<see cref="ReaderOptions.InitFromOnnx"/>); null otherwise.</summary>
    public StartingModel? StartedFrom { get; init; }

    public long Parameters { get; init; }

    /// <summary>Labelled signs the crops were cut around, per reading (distractors, then each label).</summary>
    public IReadOnlyList<int> Signs { get; init; } = [];

    /// <summary>Hard negatives mined with <see cref="ReaderOptions.HardNegativesFrom"/> and read as "other" (0: none).</summary>
    public int HardNegatives { get; init; }

    /// <summary>How the finished reader reads the validation folder's labelled signs (null: no validation folder).</summary>
    public ReaderReport? Validation { get; init; }

    public static bool Exists(string runFolder) =>
        File.Exists(Path.Combine(runFolder, DescriptionFile)) && File.Exists(Path.Combine(runFolder, WeightsFile));

    public static ReaderCheckpoint Read(string runFolder) => RunFile.Read<ReaderCheckpoint>(runFolder, DescriptionFile, "a reader run");

    public void Write(string runFolder) => RunFile.Write(runFolder, DescriptionFile, this);
}
