using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrazyTrain.Messaging;

/// <summary>The JSON style of every message body: camelCase, ISO-8601 times, enums as strings.</summary>
public static class TrainJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}
