using System.Text.Json.Serialization;

namespace CrazyTrain.SignModel.Metadata;

/// <summary>
/// The model's own description, stored as JSON under <see cref="MetadataKey"/> in the ONNX metadata_props
/// (docs/contracts.md): everything a consumer needs to feed the model and read its answer. The model factory
/// writes it and the service reads it, both through <see cref="ModelCardJson"/>. Defaults are the contract's
/// defaults; what has none (name, version, labels, input name and size) is empty, so a missing field is caught.
/// </summary>
public sealed record ModelCard
{
    public const string MetadataKey = "crazytrain.model";

    public int Schema { get; init; }
    public string Name { get; init; } = "";
    public string Version { get; init; } = "";
    public IReadOnlyList<string> Labels { get; init; } = [];
    public ModelInput Input { get; init; } = new();
    public ModelOutput Output { get; init; } = new();
    public float Threshold { get; init; } = 0.5f;

    /// <summary>
    /// Operating thresholds of single classes, by label, where they differ from <see cref="Threshold"/> (optional):
    /// calibrated by the model factory on renders styled like the real camera's frames.
    /// </summary>
    public IReadOnlyDictionary<string, float>? ClassThresholds { get; init; }

    public NmsSettings Nms { get; init; } = new();
    public ModelProvenance? Provenance { get; init; }
    public IReadOnlyDictionary<string, double>? Metrics { get; init; }
}

/// <summary>How the model was made: the command that reproduces it and what it was trained on.</summary>
public sealed record ModelProvenance
{
    public string Command { get; init; } = "";
    public int Seed { get; init; }
    public string DatasetHash { get; init; } = "";
    public string Commit { get; init; } = "";
    public string TrainedAt { get; init; } = "";
}

public sealed record ModelInput
{
    public string Name { get; init; } = "";
    public TensorLayout Layout { get; init; } = TensorLayout.Nchw;
    public ColorOrder ColorOrder { get; init; } = ColorOrder.Rgb;
    public TensorElementType Dtype { get; init; } = TensorElementType.Float32;
    public int Width { get; init; }
    public int Height { get; init; }
    public float Scale { get; init; } = 1f / 255f;
    public IReadOnlyList<float> Mean { get; init; } = [0f, 0f, 0f];
    public IReadOnlyList<float> Std { get; init; } = [1f, 1f, 1f];
    public ResizeMode Resize { get; init; } = ResizeMode.Letterbox;
    public int PadValue { get; init; } = 114;
}

public sealed record ModelOutput
{
    public OutputDecoding Decoding { get; init; } = OutputDecoding.BoxesScores;
    public string Boxes { get; init; } = "boxes";
    public string Scores { get; init; } = "scores";
    public BoxFormat BoxFormat { get; init; } = BoxFormat.Xyxy;
    public ScoreActivation ScoreActivation { get; init; } = ScoreActivation.None;
}

public sealed record NmsSettings
{
    public float IouThreshold { get; init; } = 0.45f;
    public bool ClassAgnostic { get; init; }
    public int MaxDetections { get; init; } = 100;
}

public enum TensorLayout
{
    [JsonStringEnumMemberName("NCHW")] Nchw,
}

public enum ColorOrder
{
    [JsonStringEnumMemberName("RGB")] Rgb,
    [JsonStringEnumMemberName("BGR")] Bgr,
}

public enum TensorElementType
{
    [JsonStringEnumMemberName("float32")] Float32,
}

public enum ResizeMode
{
    [JsonStringEnumMemberName("letterbox")] Letterbox,
    [JsonStringEnumMemberName("stretch")] Stretch,
}

public enum OutputDecoding
{
    [JsonStringEnumMemberName("boxes-scores")] BoxesScores,
}

public enum BoxFormat
{
    [JsonStringEnumMemberName("xyxy")] Xyxy,
    [JsonStringEnumMemberName("cxcywh")] Cxcywh,
}

public enum ScoreActivation
{
    [JsonStringEnumMemberName("none")] None,
    [JsonStringEnumMemberName("sigmoid")] Sigmoid,
}
