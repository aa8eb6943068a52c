using System.Globalization;
using System.Text.Json;

namespace CrazyTrain.Console.State;

/// <summary>
/// The rules behind the page's LIVE / STALLED / DOWN badge. "Live" means a frame arrived within the stall limit,
/// judged by the console's own clock when the frame arrived, never by whether a connection is open: the original
/// system's page looked connected while it showed nothing.
/// </summary>
public static class StreamHealth
{
    public static StreamStatus Evaluate(StreamInputs inputs)
    {
        var warnings = Warnings(inputs);
        var frameAge = inputs.LastFrameAt is { } lastFrame ? inputs.Now - lastFrame : (TimeSpan?)null;
        if (frameAge is { } age && age <= inputs.StallAfter)
        {
            return new StreamStatus(StreamState.Live, null, warnings);
        }

        // No ages in the texts: the status is re-sent only when its words change, and the page shows the age itself.
        var noFrame = frameAge is null ? "no frame received yet" : $"no frame for over {Seconds(inputs.StallAfter)} s";

        if (inputs.Broker is { Reachable: false } broker && broker.CheckedAt != DateTimeOffset.MinValue)
        {
            return new StreamStatus(StreamState.Down, $"broker down: {broker.Error ?? "not reachable"} ({noFrame})", warnings);
        }

        if (inputs.Capture is { Reachable: false } capture && capture.CheckedAt != DateTimeOffset.MinValue)
        {
            return new StreamStatus(StreamState.Down, $"{Unavailable("capture service", capture)} ({noFrame})", warnings);
        }

        var state = CaptureState(inputs.Capture);
        var lastError = Text(inputs.Capture, "lastError");
        var reason = state switch
        {
            "stopped" => lastError is null ? "capture stopped" : $"capture stopped: {lastError}",
            "retrying" => $"capture retrying its source: {lastError ?? "source failed"}",
            "starting" => "capture is opening its source",
            "running" when frameAge is null => "capture reports running but no frame reached the console yet",
            "running" => $"capture reports running but frames do not reach the console ({noFrame})",
            _ => noFrame,
        };
        return new StreamStatus(StreamState.Stalled, reason, warnings);
    }

    private static List<string> Warnings(StreamInputs inputs)
    {
        var warnings = new List<string>();
        if (inputs.Broker is { Reachable: false } broker && broker.CheckedAt != DateTimeOffset.MinValue)
        {
            warnings.Add($"broker down: {broker.Error ?? "not reachable"}");
        }

        var framesFlow = inputs.LastFrameAt is { } lastFrame && inputs.Now - lastFrame <= inputs.StallAfter;
        var detectionsAge = inputs.LastDetectionsAt is { } lastDetections ? inputs.Now - lastDetections : (TimeSpan?)null;
        if (framesFlow && (detectionsAge is null || detectionsAge > inputs.StallAfter))
        {
            var since = detectionsAge is null ? "yet" : $"for over {Seconds(inputs.StallAfter)} s";
            warnings.Add(inputs.Model is { Reachable: false } model && model.CheckedAt != DateTimeOffset.MinValue
                ? $"no detections {since}: inference unreachable ({model.Error})"
                : $"no detections {since}: inference is not keeping up or not running");
        }

        if (inputs.Train is { Reachable: false } train && train.CheckedAt != DateTimeOffset.MinValue)
        {
            warnings.Add(Unavailable("controller", train));
        }
        else if (inputs.Train.Data is { ValueKind: JsonValueKind.Object } trainData)
        {
            if (trainData.TryGetProperty("hub", out var hub) && hub.ValueKind == JsonValueKind.Object
                && hub.TryGetProperty("connected", out var connected) && connected.ValueKind == JsonValueKind.False)
            {
                var error = hub.TryGetProperty("lastError", out var lastError) && lastError.ValueKind == JsonValueKind.String ? $": {lastError.GetString()}" : string.Empty;
                warnings.Add($"hub disconnected{error}");
            }

            if (trainData.TryGetProperty("perception", out var perception) && perception.ValueKind == JsonValueKind.Object
                && perception.TryGetProperty("failSafeReason", out var failSafe) && failSafe.ValueKind == JsonValueKind.String)
            {
                warnings.Add($"fail-safe: {failSafe.GetString()}");
            }

            // A controller that came back stopped after a restart: the operator must know why nothing moves.
            if (trainData.TryGetProperty("emergencyStop", out var latch) && latch.ValueKind == JsonValueKind.Object
                && latch.TryGetProperty("restoredAtStart", out var restored) && restored.ValueKind == JsonValueKind.True)
            {
                var since = latch.TryGetProperty("engagedAt", out var engagedAt) ? $" pressed {engagedAt}" : string.Empty;
                var note = latch.TryGetProperty("note", out var why) && why.ValueKind == JsonValueKind.String ? $" ({why.GetString()})" : string.Empty;
                warnings.Add($"emergency stop{since} still holds after a controller restart{note}: resume to lift it");
            }
        }

        return warnings;
    }

    /// <summary>The capture state in lower case, whether the service writes its enum as a name or a number.</summary>
    internal static string? CaptureState(ServiceStatus capture)
    {
        if (capture.Data is not { ValueKind: JsonValueKind.Object } data || !data.TryGetProperty("state", out var state))
        {
            return null;
        }

        return state.ValueKind switch
        {
            JsonValueKind.String => state.GetString()?.ToLowerInvariant(),
            // CaptureState's declaration order: Stopped, Starting, Running, Retrying.
            JsonValueKind.Number when state.TryGetInt32(out var number) => number switch
            {
                0 => "stopped",
                1 => "starting",
                2 => "running",
                3 => "retrying",
                _ => null,
            },
            _ => null,
        };
    }

    /// <summary>"Unreachable" when the service did not answer; when it answered with an error, it is there but broken.</summary>
    private static string Unavailable(string what, ServiceStatus status) =>
        status.HttpStatus is null
            ? $"{what} unreachable: {status.Error ?? "no answer"}"
            : $"{what} answers with an error: {status.Error}";

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);

    private static string? Text(ServiceStatus status, string property) =>
        status.Data is { ValueKind: JsonValueKind.Object } data && data.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
