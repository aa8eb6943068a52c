using CrazyTrain.Capture.Options;
using Microsoft.Extensions.Logging;

namespace CrazyTrain.Capture.Sources;

/// <summary>Opens the source a <see cref="FrameSourceSpec"/> names; swapped in tests for scripted sources.</summary>
internal interface IFrameSourceFactory
{
    Task<IFrameSource> OpenAsync(FrameSourceSpec spec, CaptureOptions options, CancellationToken cancellationToken);
}

internal sealed class FrameSourceFactory(ILogger<FrameSourceFactory> logger) : IFrameSourceFactory
{
    public async Task<IFrameSource> OpenAsync(FrameSourceSpec spec, CaptureOptions options, CancellationToken cancellationToken)
    {
        // OpenCV opens block (a camera or pipeline can take seconds); keep them off the caller's thread.
        return spec.Kind switch
        {
            FrameSourceKind.File => AtCameraRate(await Task.Run(() => VideoFileSource.Open(spec, options.Loop), cancellationToken), options),
            FrameSourceKind.Camera => await Task.Run(() => LiveCaptureSource.OpenCamera(spec, options, logger), cancellationToken),
            FrameSourceKind.GStreamer => await Task.Run(() => LiveCaptureSource.OpenGStreamer(spec, options, logger), cancellationToken),
            FrameSourceKind.Stream when IsHttp(spec.Location) => await MjpegHttpSource.OpenAsync(spec, options.ReadTimeout, cancellationToken),
            FrameSourceKind.Stream => await Task.Run(() => LiveCaptureSource.OpenRtsp(spec, options, logger), cancellationToken),
            _ => throw new FrameSourceException($"Source kind {spec.Kind} is not supported."),
        };
    }

    /// <summary>Wraps a file in <see cref="RealTimeFileSource"/> when it is to be filmed at another rate.</summary>
    internal static IFrameSource AtCameraRate(IFrameSource file, CaptureOptions options) =>
        options is { FilePlayback: FilePlayback.RealTime, Fps: { } cameraFps } && file.NativeFps is { } fileFps && Math.Abs(cameraFps - fileFps) > 1e-6
            ? new RealTimeFileSource(file, fileFps, cameraFps)
            : file;

    private static bool IsHttp(string location) =>
        location.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
        || location.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
}
