using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrazyTrain.SignModel.Metadata;

/// <summary>
/// The one reader and the one writer of the <c>crazytrain.model</c> JSON. Reading checks the document and names
/// every problem found in one message.
/// </summary>
public static class ModelCardJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The compact JSON the factory stores in the ONNX file; <see cref="Parse"/> reads it back unchanged.</summary>
    public static string Write(ModelCard card) => JsonSerializer.Serialize(card, Options);

    public static ModelCard Parse(string json, string modelFile)
    {
        ModelCard? card;
        try
        {
            card = JsonSerializer.Deserialize<ModelCard>(json, Options);
        }
        catch (JsonException ex)
        {
            throw new ModelLoadException(modelFile, $"its '{ModelCard.MetadataKey}' metadata is not valid: {ex.Message}");
        }

        if (card is null)
        {
            throw new ModelLoadException(modelFile, $"its '{ModelCard.MetadataKey}' metadata is empty");
        }

        var problems = Validate(card).ToList();
        if (problems.Count > 0)
        {
            throw new ModelLoadException(modelFile, $"its '{ModelCard.MetadataKey}' metadata is not usable: {string.Join("; ", problems)}");
        }

        return card;
    }

    private static IEnumerable<string> Validate(ModelCard card)
    {
        if (card.Schema != 1)
        {
            yield return $"schema is {card.Schema}, only 1 is understood";
        }

        if (string.IsNullOrWhiteSpace(card.Name))
        {
            yield return "name is missing";
        }

        if (string.IsNullOrWhiteSpace(card.Version))
        {
            yield return "version is missing";
        }

        if (card.Labels.Count == 0)
        {
            yield return "labels are missing";
        }
        else if (card.Labels.Any(string.IsNullOrWhiteSpace) || card.Labels.Distinct(StringComparer.Ordinal).Count() != card.Labels.Count)
        {
            yield return "labels must be non-empty and unique";
        }

        var input = card.Input;
        if (string.IsNullOrWhiteSpace(input.Name))
        {
            yield return "input.name is missing";
        }

        if (input.Width is < 8 or > 8192 || input.Height is < 8 or > 8192)
        {
            yield return $"input size {input.Width}x{input.Height} is outside 8..8192";
        }

        if (!(input.Scale > 0) || !float.IsFinite(input.Scale))
        {
            yield return "input.scale must be a positive number";
        }

        if (input.Mean.Count != 3 || input.Std.Count != 3)
        {
            yield return "input.mean and input.std need three values each";
        }
        else if (input.Std.Any(s => s == 0 || !float.IsFinite(s)) || input.Mean.Any(m => !float.IsFinite(m)))
        {
            yield return "input.std values must be finite and non-zero, input.mean values finite";
        }

        if (input.PadValue is < 0 or > 255)
        {
            yield return "input.padValue must be within 0..255";
        }

        if (string.IsNullOrWhiteSpace(card.Output.Boxes) || string.IsNullOrWhiteSpace(card.Output.Scores))
        {
            yield return "output.boxes and output.scores must name the model's outputs";
        }

        if (!(card.Threshold is >= 0f and <= 1f))
        {
            yield return $"threshold {card.Threshold} is outside 0..1";
        }

        foreach (var (label, threshold) in card.ClassThresholds ?? new Dictionary<string, float>())
        {
            if (!card.Labels.Contains(label))
            {
                yield return $"classThresholds names '{label}', which is not one of the labels";
            }
            else if (!(threshold is >= 0f and <= 1f))
            {
                yield return $"classThresholds.{label} {threshold} is outside 0..1";
            }
        }

        if (!(card.Nms.IouThreshold is > 0f and <= 1f))
        {
            yield return $"nms.iouThreshold {card.Nms.IouThreshold} is outside (0, 1]";
        }

        if (card.Nms.MaxDetections < 1)
        {
            yield return "nms.maxDetections must be at least 1";
        }
    }
}
