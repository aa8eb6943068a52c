using System.Text.Json;
using System.Text.Json.Serialization;
using CrazyTrain.Controller.Driving;

namespace CrazyTrain.Controller.Detections;

/// <summary>Reads a <c>train.detections</c> value (docs/contracts.md); anything else is a clear error, never a guess.</summary>
public static class DetectionParser
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static bool TryParse(ReadOnlySpan<byte> json, out DetectionFrame frame, out string error)
    {
        frame = null!;
        DetectionMessage? message;
        try
        {
            message = JsonSerializer.Deserialize<DetectionMessage>(json, Options);
        }
        catch (JsonException e)
        {
            error = $"not detection JSON: {e.Message}";
            return false;
        }

        if (message is null)
        {
            error = "empty message";
            return false;
        }

        if (message.FrameId is not { } frameId || frameId < 0)
        {
            error = "frameId is missing or negative";
            return false;
        }

        if (message.CapturedAt is not { } capturedAt)
        {
            error = "capturedAt is missing";
            return false;
        }

        if (message.Detections is null)
        {
            error = "detections is missing";
            return false;
        }

        if (message.Width is <= 0)
        {
            error = $"width {message.Width} is not a frame width in pixels";
            return false;
        }

        var sightings = new List<SignSighting>(message.Detections.Count);
        foreach (var detection in message.Detections)
        {
            if (detection is null || string.IsNullOrWhiteSpace(detection.Label) || detection.Confidence is not ({ } confidence and >= 0 and <= 1))
            {
                error = "a detection has no label or a confidence outside 0..1";
                return false;
            }

            if (detection.Box is { } box && box.Width is not (>= 0))
            {
                error = $"the {detection.Label} detection has a box without a width of 0 or more pixels";
                return false;
            }

            // Without a box or a frame width nobody knows how near the sign is: null, which the gate counts as near.
            var widthFraction = detection.Box?.Width / message.Width;
            sightings.Add(new SignSighting(detection.Label, confidence, widthFraction));
        }

        frame = new DetectionFrame(frameId, capturedAt, sightings);
        error = "";
        return true;
    }

    private sealed record DetectionMessage(
        [property: JsonPropertyName("frameId")] long? FrameId,
        [property: JsonPropertyName("capturedAt")] DateTimeOffset? CapturedAt,
        [property: JsonPropertyName("width")] int? Width,
        [property: JsonPropertyName("detections")] List<DetectionEntry?>? Detections);

    private sealed record DetectionEntry(
        [property: JsonPropertyName("label")] string? Label,
        [property: JsonPropertyName("confidence")] double? Confidence,
        [property: JsonPropertyName("box")] BoxEntry? Box);

    private sealed record BoxEntry([property: JsonPropertyName("width")] double? Width);
}
