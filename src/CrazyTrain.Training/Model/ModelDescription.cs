using System.Text.Json;

namespace CrazyTrain.Training.Model;

/// <summary>The <c>crazytrain.model</c> metadata document of docs/contracts.md; the inference service reads only this.</summary>
public sealed record ModelDescription
{
    public const string MetadataKey = "crazytrain.model";

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = false,
    };

    public int Schema { get; init; } = 1;

    public string Name { get; init; } = "crazytrain-signs";

    public string Version { get; init; } = "1.0.0";

    public required IReadOnlyList<string> Labels { get; init; }

    public ModelInput Input { get; init; } = new();

    public ModelOutput Output { get; init; } = new();

    public double Threshold { get; init; } = 0.5;

    public NmsSettings Nms { get; init; } = new();

    public required Provenance Provenance { get; init; }

    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ModelDescription FromJson(string json) =>
        JsonSerializer.Deserialize<ModelDescription>(json, Json)
        ?? throw new InvalidDataException($"Empty {MetadataKey} metadata.");
}

public sealed record ModelInput
{
    public string Name { get; init; } = "image";

    public string Layout { get; init; } = "NCHW";

    public string ColorOrder { get; init; } = "RGB";

    public string Dtype { get; init; } = "float32";

    public int Width { get; init; } = 640;

    public int Height { get; init; } = 480;

    public double Scale { get; init; } = 1.0 / 255.0;

    public IReadOnlyList<double> Mean { get; init; } = [0, 0, 0];

    public IReadOnlyList<double> Std { get; init; } = [1, 1, 1];

    public string Resize { get; init; } = "letterbox";

    public int PadValue { get; init; } = 114;
}

public sealed record ModelOutput
{
    public string Decoding { get; init; } = "boxes-scores";

    public string Boxes { get; init; } = "boxes";

    public string Scores { get; init; } = "scores";

    public string BoxFormat { get; init; } = "xyxy";

    public string ScoreActivation { get; init; } = "none";
}

public sealed record NmsSettings
{
    public double IouThreshold { get; init; } = 0.45;

    public bool ClassAgnostic { get; init; }

    public int MaxDetections { get; init; } = 100;
}

public sealed record Provenance
{
    public required string Command { get; init; }

    public required int Seed { get; init; }

    public required string DatasetHash { get; init; }

    public required string Commit { get; init; }

    public required string TrainedAt { get; init; }
}
