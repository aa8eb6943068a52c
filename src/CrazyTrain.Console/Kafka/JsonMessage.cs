using System.Text.Json;
using CrazyTrain.Messaging;

namespace CrazyTrain.Console.Kafka;

/// <summary>Reads a message body as one JSON object, or says why it is not one.</summary>
internal static class JsonMessage
{
    public static bool TryParseObject(ReceivedMessage message, out JsonElement value, out string? error)
    {
        value = default;
        error = null;
        if (message.Message.Value.IsEmpty)
        {
            error = "the body is empty";
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(message.Message.Value);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = $"the body is a JSON {document.RootElement.ValueKind}, not an object";
                return false;
            }

            value = document.RootElement.Clone();
            return true;
        }
        catch (JsonException exception)
        {
            error = $"the body is not JSON: {exception.Message}";
            return false;
        }
    }
}
