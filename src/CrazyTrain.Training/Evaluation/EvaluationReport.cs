using System.Text.Json;

namespace CrazyTrain.Training.Evaluation;

public sealed record ClassResult(string Label, int GroundTruth, double Ap50, int TruePositives, int FalsePositives, double Precision, double Recall);

/// <summary>Results for targets of one width range; AP counts only detections matched to, or sized like, that range.</summary>
public sealed record SizeResult(string Bucket, double MinWidth, double MaxWidth, int GroundTruth, double Ap50, double Recall);

public sealed record DistractorResult(int Distractors, int DetectedAsTarget, double ConfusionRate, IReadOnlyDictionary<string, int> DetectedByKind);

public sealed record EvaluationReport(
    string Model,
    string Data,
    int Images,
    double Threshold,
    double IouThreshold,
    double Map50,
    double Precision,
    double Recall,
    IReadOnlyList<ClassResult> Classes,
    IReadOnlyList<SizeResult> Sizes,
    DistractorResult? Distractors)
{
    /// <summary>Thresholds of single classes where they differ from <see cref="Threshold"/>, by label (the model's classThresholds).</summary>
    public IReadOnlyDictionary<string, double>? ClassThresholds { get; init; }

    /// <summary>The same detections scored with the speed limits as one kind (<see cref="KindScoring"/>); null when no labels share a kind.</summary>
    public EvaluationReport? BySignKind { get; init; }

    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
