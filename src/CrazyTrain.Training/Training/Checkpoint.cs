namespace CrazyTrain.Training.Training;

/// <summary>What a training run leaves beside its weights (<c>model.pt</c>): enough to export and to trace it.</summary>
public sealed record Checkpoint
{
    public const string WeightsFile = "model.pt";
    public const string DescriptionFile = "checkpoint.json";

    public required string Shape { get; init; }

    public required IReadOnlyList<string> Labels { get; init; }

    public required TrainOptions Options { get; init; }

    public required string Command { get; init; }

    public required string DatasetHash { get; init; }

    public required string Commit { get; init; }

    public required string TrainedAt { get; init; }

    public double TrainSeconds { get; init; }

    public double FinalLoss { get; init; }

    public long Parameters { get; init; }

    /// <summary>The exported model whose weights started the run (<see cref="TrainOptions.InitFromOnnx"/>); null otherwise.</summary>
    public StartingModel? StartedFrom { get; init; }

    /// <summary>Steps actually taken: fewer than planned when the time budget ended the run.</summary>
    public int StepsCompleted { get; init; }

    public static Checkpoint Read(string runFolder) => RunFile.Read<Checkpoint>(runFolder, DescriptionFile, "a training run");

    public void Write(string runFolder) => RunFile.Write(runFolder, DescriptionFile, this);
}
