using CrazyTrain.Capture.Options;
using CrazyTrain.Capture.Sources;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrazyTrain.Capture.Tests;

/// <summary>No camera exists here, so these check that each failure names the device and says why.</summary>
public sealed class LiveCaptureSourceTests
{
    private static readonly CaptureOptions Options = new() { ReadTimeout = TimeSpan.FromSeconds(1) };

    [Fact]
    public void Missing_camera_device_is_named()
    {
        var error = Assert.Throws<FrameSourceException>(() =>
            LiveCaptureSource.OpenCamera(new FrameSourceSpec(FrameSourceKind.Camera, "/dev/video97"), Options, NullLogger.Instance));
        Assert.StartsWith("Camera '/dev/video97' does not exist", error.Message);
    }

    [Fact]
    public void A_device_that_is_not_a_camera_is_named()
    {
        var error = Assert.Throws<FrameSourceException>(() =>
            LiveCaptureSource.OpenCamera(new FrameSourceSpec(FrameSourceKind.Camera, "/dev/null"), Options, NullLogger.Instance));
        Assert.StartsWith("Camera '/dev/null' cannot be opened as a V4L2 camera", error.Message);
    }

    [Fact]
    public void Unreachable_rtsp_stream_is_named()
    {
        var error = Assert.Throws<FrameSourceException>(() =>
            LiveCaptureSource.OpenRtsp(new FrameSourceSpec(FrameSourceKind.Stream, "rtsp://127.0.0.1:9/stream"), Options, NullLogger.Instance));
        Assert.StartsWith("Stream 'rtsp://127.0.0.1:9/stream' cannot be opened", error.Message);
    }

    [Fact]
    public void Gstreamer_pipeline_that_cannot_open_says_why()
    {
        var error = Assert.Throws<FrameSourceException>(() =>
            LiveCaptureSource.OpenGStreamer(new FrameSourceSpec(FrameSourceKind.GStreamer, "nosuchelement ! appsink"), Options, NullLogger.Instance));
        Assert.StartsWith("GStreamer pipeline 'nosuchelement ! appsink' cannot be opened:", error.Message);
    }
}
