using Microsoft.Extensions.Options;

namespace CrazyTrain.Capture.Options;

/// <summary>Rejects impossible settings at start, each message naming the setting and the accepted range.</summary>
internal sealed class CaptureOptionsValidator : IValidateOptions<CaptureOptions>
{
    // Past 8K or 240 fps no camera the train could carry delivers; such values are typos.
    internal const int MaxWidth = 7680;
    internal const int MaxHeight = 4320;
    internal const int MinSide = 16;
    internal const double MaxFps = 240;

    public ValidateOptionsResult Validate(string? name, CaptureOptions options)
    {
        var failures = new List<string>();
        const string section = CaptureOptions.SectionName;

        if (string.IsNullOrWhiteSpace(options.CameraId))
        {
            failures.Add($"{section}:CameraId is empty; frames need a camera id as their Kafka key.");
        }

        if (!FrameSourceSpec.TryParseKind(options.Kind, out var kind))
        {
            failures.Add($"{section}:Kind is '{options.Kind}'; expected one of: {string.Join(", ", Enum.GetNames<FrameSourceKind>())}.");
        }

        if (kind is { } explicitKind && explicitKind != FrameSourceKind.File && string.IsNullOrWhiteSpace(options.Source))
        {
            failures.Add($"{section}:Source is empty; {section}:Kind {explicitKind} needs a device, pipeline or URL.");
        }

        var streamKind = kind ?? (string.IsNullOrWhiteSpace(options.Source) ? null : FrameSourceSpec.GuessKind(options.Source));
        if (streamKind == FrameSourceKind.Stream && !IsSupportedStreamUrl(options.Source))
        {
            failures.Add($"{section}:Source is '{options.Source}'; a Stream source needs an http://, https:// or rtsp:// URL.");
        }

        if (options.Width is < MinSide or > MaxWidth)
        {
            failures.Add($"{section}:Width is {options.Width}; expected {MinSide} to {MaxWidth} pixels.");
        }

        if (options.Height is < MinSide or > MaxHeight)
        {
            failures.Add($"{section}:Height is {options.Height}; expected {MinSide} to {MaxHeight} pixels.");
        }

        if (options.Fps is { } fps && (double.IsNaN(fps) || fps <= 0 || fps > MaxFps))
        {
            failures.Add($"{section}:Fps is {fps}; expected more than 0 and at most {MaxFps}, or empty for the source's own rate.");
        }

        if (options.Exposure is { } exposure && (double.IsNaN(exposure) || exposure < 0))
        {
            failures.Add($"{section}:Exposure is {exposure}; expected a positive value, or empty for automatic exposure.");
        }

        if (options.JpegQuality is < 1 or > 100)
        {
            failures.Add($"{section}:JpegQuality is {options.JpegQuality}; expected 1 to 100.");
        }

        if (options.QueueCapacity is < 1 or > 2)
        {
            failures.Add($"{section}:QueueCapacity is {options.QueueCapacity}; expected 1 or 2 (a longer queue only serves stale frames).");
        }

        AddPositive(failures, nameof(options.RetryInitialDelay), options.RetryInitialDelay);
        AddPositive(failures, nameof(options.RetryMaxDelay), options.RetryMaxDelay);
        AddPositive(failures, nameof(options.UnhealthyAfter), options.UnhealthyAfter);
        AddPositive(failures, nameof(options.ReadTimeout), options.ReadTimeout);
        AddPositive(failures, nameof(options.StallAfter), options.StallAfter);
        AddPositive(failures, nameof(options.PublishTimeout), options.PublishTimeout);
        if (options.RetryMaxDelay < options.RetryInitialDelay)
        {
            failures.Add($"{section}:RetryMaxDelay ({options.RetryMaxDelay}) is shorter than {section}:RetryInitialDelay ({options.RetryInitialDelay}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void AddPositive(List<string> failures, string setting, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{CaptureOptions.SectionName}:{setting} is {value}; expected a positive duration.");
        }
    }

    private static bool IsSupportedStreamUrl(string? source) =>
        Uri.TryCreate(source?.Trim(), UriKind.Absolute, out var uri)
        && uri.Scheme is "http" or "https" or "rtsp" or "rtsps";
}
