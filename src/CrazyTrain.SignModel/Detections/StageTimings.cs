using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrazyTrain.SignModel.Detections;

/// <summary>Milliseconds spent in each stage of one image.</summary>
[JsonConverter(typeof(StageTimingsConverter))]
public readonly record struct StageTimings(double DecodeMs, double PreprocessMs, double InferenceMs, double PostprocessMs)
{
    public double TotalMs => DecodeMs + PreprocessMs + InferenceMs + PostprocessMs;
}

/// <summary>The four stage times only, whatever the serializer's options: the total is derived and not part of the contract.</summary>
internal sealed class StageTimingsConverter : JsonConverter<StageTimings>
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
