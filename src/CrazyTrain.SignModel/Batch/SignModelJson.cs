using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrazyTrain.SignModel.Batch;

/// <summary>The JSON style of the reports the offline verbs write: camelCase, indented, no null members.</summary>
internal static class SignModelJson
{
    public static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
