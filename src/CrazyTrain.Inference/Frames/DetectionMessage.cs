using System.Text.Json;
using System.Text.Json.Serialization;
using CrazyTrain.SignModel.Detections;
using CrazyTrain.SignModel.Runtime;

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
}
