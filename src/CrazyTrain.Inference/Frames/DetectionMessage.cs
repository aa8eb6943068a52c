using System.Text.Json;
using System.Text.Json.Serialization;
using CrazyTrain.Inference.Detections;

namespace CrazyTrain.Inference.Frames;

/// <summary>The <c>train.detections</c> value, exactly as in docs/contracts.md.</summary>
public sealed record DetectionMessage(
    long FrameId,
    DateTimeOffset CapturedAt,
    int Width,
    int Height,
    ModelIdentity Model,
    IReadOnlyList<Detection> Detections,
    StageTimings Timings)
{
    public static DetectionMessage From(Frame frame, DetectionResult result) =>
        new(frame.FrameId, frame.CapturedAt.ToUniversalTime(), result.Width, result.Height, result.Model, result.Detections, result.Timings);

    public byte[] ToUtf8Json() => JsonSerializer.SerializeToUtf8Bytes(this, InferenceJson.Options);
}

/// <summary>One JSON style for every document the service writes: camelCase, ISO-8601 UTC times.</summary>
public static class InferenceJson
{
    public static readonly JsonSerializerOptions Options = Create(indented: false);

    public static readonly JsonSerializerOptions Indented = Create(indented: true);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = indented,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new UtcTimeConverter());
        options.Converters.Add(new TimingsConverter());
        return options;
    }

    /// <summary>Writes <c>2026-11-28T16:00:00.123Z</c>: UTC with a Z and milliseconds, as the contract shows.</summary>
    private sealed class UtcTimeConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetDateTimeOffset();

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The four stage times only; the total is derived and not part of the contract.</summary>
    private sealed class TimingsConverter : JsonConverter<StageTimings>
    {
        public override StageTimings Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            return new StageTimings(
                root.GetProperty("decodeMs").GetDouble(),
                root.GetProperty("preprocessMs").GetDouble(),
                root.GetProperty("inferenceMs").GetDouble(),
                root.GetProperty("postprocessMs").GetDouble());
        }

        public override void Write(Utf8JsonWriter writer, StageTimings value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            writer.WriteNumber("decodeMs", value.DecodeMs);
            writer.WriteNumber("preprocessMs", value.PreprocessMs);
            writer.WriteNumber("inferenceMs", value.InferenceMs);
            writer.WriteNumber("postprocessMs", value.PostprocessMs);
            writer.WriteEndObject();
        }
    }
}
