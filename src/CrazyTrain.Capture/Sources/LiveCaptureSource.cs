using CrazyTrain.Capture.Options;
using Microsoft.Extensions.Logging;
using OpenCvSharp;

namespace CrazyTrain.Capture.Sources;

/// <summary>
/// A V4L2 camera, a GStreamer pipeline or an RTSP stream read through OpenCV. A failed read means the device
/// or the stream is gone: the caller closes this source and opens a new one after a backoff.
/// </summary>
internal sealed class LiveCaptureSource : IFrameSource
{
    // cv::CAP_PROP_OPEN_TIMEOUT_MSEC and cv::CAP_PROP_READ_TIMEOUT_MSEC, absent from OpenCvSharp's enum.
    private const int OpenTimeoutMsec = 53;
    private const int ReadTimeoutMsec = 54;

    private readonly VideoCapture _capture;
    private readonly string _what;

    private LiveCaptureSource(FrameSourceSpec spec, VideoCapture capture, string what, double? nativeFps)
    {
        Spec = spec;
        _capture = capture;
        _what = what;
        NativeFps = nativeFps;
    }

    public FrameSourceSpec Spec { get; }

    public double? NativeFps { get; }

    public bool IsLive => true;

    public static LiveCaptureSource OpenCamera(FrameSourceSpec spec, CaptureOptions options, ILogger logger)
    {
        var device = spec.Location;
        var what = $"Camera '{device}'";
        VideoCapture capture;
        if (int.TryParse(device, out var index))
        {
            capture = new VideoCapture(index, VideoCaptureAPIs.V4L2);
        }
        else
        {
            if (!File.Exists(device))
            {
                throw new FrameSourceException($"{what} does not exist (unplugged, or not passed into the container?).");
            }

            capture = new VideoCapture(device, VideoCaptureAPIs.V4L2);
        }

        if (!capture.IsOpened())
        {
            capture.Dispose();
            throw new FrameSourceException($"{what} cannot be opened as a V4L2 camera (not a camera, busy, or no permission).");
        }

        // MJPG lets a USB 2 camera deliver 640x480 at 30 fps; one driver buffer keeps frames fresh.
        capture.Set(VideoCaptureProperties.FourCC, VideoWriter.FourCC('M', 'J', 'P', 'G'));
        capture.Set(VideoCaptureProperties.FrameWidth, options.Width);
        capture.Set(VideoCaptureProperties.FrameHeight, options.Height);
        capture.Set(VideoCaptureProperties.BufferSize, 1);
        if (options.Fps is { } fps)
        {
            capture.Set(VideoCaptureProperties.Fps, fps);
        }

        if (options.Exposure is { } exposure)
        {
            // V4L2 auto-exposure menu: 1 = manual. Drivers that refuse keep automatic exposure; we log it.
            capture.Set(VideoCaptureProperties.AutoExposure, 1);
            if (!capture.Set(VideoCaptureProperties.Exposure, exposure))
            {
                logger.LogWarning("{Camera} refused manual exposure {Exposure}; it keeps its automatic exposure", device, exposure);
            }
        }

        return Finish(spec, capture, what, options, logger);
    }

    public static LiveCaptureSource OpenGStreamer(FrameSourceSpec spec, CaptureOptions options, ILogger logger)
    {
        const string what = "GStreamer pipeline";
        var capture = new VideoCapture(spec.Location, VideoCaptureAPIs.GSTREAMER);
        if (!capture.IsOpened())
        {
            capture.Dispose();
            var why = OpenCvBuild.HasGStreamer
                ? "check the pipeline; it must end in appsink"
                : "this OpenCV build has no GStreamer support (use the Jetson image's OpenCV)";
            throw new FrameSourceException($"{what} '{spec.Location}' cannot be opened: {why}.");
        }

        return Finish(spec, capture, $"{what} '{spec.Location}'", options, logger);
    }

    public static LiveCaptureSource OpenRtsp(FrameSourceSpec spec, CaptureOptions options, ILogger logger)
    {
        var what = $"Stream '{spec.Location}'";
        var timeoutMs = (int)Math.Clamp(options.ReadTimeout.TotalMilliseconds, 1, int.MaxValue);
        var capture = new VideoCapture(spec.Location, VideoCaptureAPIs.FFMPEG, [OpenTimeoutMsec, timeoutMs, ReadTimeoutMsec, timeoutMs]);
        if (!capture.IsOpened())
        {
            capture.Dispose();
            throw new FrameSourceException(
                $"{what} cannot be opened: unreachable, not a video stream, or this OpenCV's FFmpeg has no network protocols.");
        }

        return Finish(spec, capture, what, options, logger);
    }

    public ValueTask<Mat> ReadAsync(CancellationToken cancellationToken)
    {
        var frame = new Mat();
        if (_capture.Read(frame) && !frame.Empty())
        {
            return ValueTask.FromResult(frame);
        }

        frame.Dispose();
        throw new FrameSourceException($"{_what} delivered no frame (unplugged, stream down or timed out).");
    }

    public void Dispose() => _capture.Dispose();

    private static LiveCaptureSource Finish(FrameSourceSpec spec, VideoCapture capture, string what, CaptureOptions options, ILogger logger)
    {
        var width = (int)capture.Get(VideoCaptureProperties.FrameWidth);
        var height = (int)capture.Get(VideoCaptureProperties.FrameHeight);
        var fps = capture.Get(VideoCaptureProperties.Fps);
        if (width > 0 && height > 0 && (width != options.Width || height != options.Height))
        {
            logger.LogWarning("{Source} delivers {Width}x{Height} instead of {WantedWidth}x{WantedHeight}; frames larger than that are scaled down",
                what, width, height, options.Width, options.Height);
        }

        return new LiveCaptureSource(spec, capture, what, double.IsFinite(fps) && fps > 0 ? fps : null);
    }
}
