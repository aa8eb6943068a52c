namespace CrazyTrain.Capture.Options;

/// <summary>What to open: the kind and its location (path, device, pipeline or URL), settled from configuration.</summary>
public sealed record FrameSourceSpec(FrameSourceKind Kind, string Location)
{
    /// <summary>How the source is shown in <c>/api/capture</c>, logs and errors, e.g. <c>file:/srv/samples/stop-sign.mp4</c>.</summary>
    public string Description => $"{Kind.ToString().ToLowerInvariant()}:{Location}";

    /// <summary>
    /// Reads <see cref="CaptureOptions.Kind"/>; null when it is empty (the kind is then guessed from the location).
    /// Returns false for a value that names no kind.
    /// </summary>
    public static bool TryParseKind(string? text, out FrameSourceKind? kind)
    {
        kind = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (Enum.TryParse<FrameSourceKind>(text.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
        {
            kind = parsed;
            return true;
        }

        return false;
    }

    /// <summary>The kind a bare location most likely means.</summary>
    public static FrameSourceKind GuessKind(string location)
    {
        var trimmed = location.Trim();
        if (Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) && !uri.IsFile)
        {
            return FrameSourceKind.Stream;
        }

        if (trimmed.StartsWith("/dev/video", StringComparison.Ordinal) || int.TryParse(trimmed, out _))
        {
            return FrameSourceKind.Camera;
        }

        return trimmed.Contains('!', StringComparison.Ordinal) ? FrameSourceKind.GStreamer : FrameSourceKind.File;
    }
}
