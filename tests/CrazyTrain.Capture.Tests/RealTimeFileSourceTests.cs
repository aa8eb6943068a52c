using CrazyTrain.Capture.Options;
using CrazyTrain.Capture.Sources;
using CrazyTrain.Capture.Tests.Support;
using Microsoft.Extensions.Hosting;
using OpenCvSharp;

namespace CrazyTrain.Capture.Tests;

public sealed class RealTimeFileSourceTests
{
    [Theory]
    [InlineData(10, 30, new[] { 0, 0, 0, 1, 1, 1, 2, 2, 2, 3 })]
    [InlineData(25, 30, new[] { 0, 0, 1, 2, 3, 4, 5, 5, 6, 7 })]
    [InlineData(30, 10, new[] { 0, 3, 6, 9, 12 })]
    public async Task Each_camera_slot_shows_the_file_frame_of_its_moment(double fileFps, double cameraFps, int[] expected)
    {
        using var source = new RealTimeFileSource(NumberedFrames(isLive: false, fileFps), fileFps, cameraFps);

        var shown = new List<int>();
        foreach (var _ in expected)
        {
            using var frame = await source.ReadAsync(CancellationToken.None);
            shown.Add(frame.At<byte>(0, 0));
        }

        Assert.Equal(expected, shown);
        Assert.Equal(cameraFps, source.NativeFps);
    }

    [Fact]
    public void Simulation_films_its_video_at_30_frames_a_second_unless_told_otherwise()
    {
        var simulation = new CaptureOptions();
        var chosen = new CaptureOptions { Fps = 12 };
        var hardware = new CaptureOptions();
        var networkCamera = new CaptureOptions { Source = "http://camera.local/stream.mjpg" };

        CaptureServiceCollectionExtensions.ApplyModeDefaults(simulation, TrainMode.Simulation);
        CaptureServiceCollectionExtensions.ApplyModeDefaults(networkCamera, TrainMode.Simulation);
        CaptureServiceCollectionExtensions.ApplyModeDefaults(chosen, TrainMode.Simulation);
        CaptureServiceCollectionExtensions.ApplyModeDefaults(hardware, TrainMode.Hardware);

        Assert.Equal((30.0, FilePlayback.RealTime), (simulation.Fps, simulation.FilePlayback));
        Assert.Equal((12.0, FilePlayback.EachFrameOnce), (chosen.Fps, chosen.FilePlayback));
        Assert.Equal((null, FilePlayback.EachFrameOnce), (hardware.Fps, hardware.FilePlayback));
        Assert.Null(networkCamera.Fps);
    }

    [Fact]
    public void Only_a_file_to_be_filmed_at_another_rate_is_wrapped()
    {
        var file = NumberedFrames(isLive: false, nativeFps: 10);
        var realTime = new CaptureOptions { Fps = 30, FilePlayback = FilePlayback.RealTime };

        Assert.IsType<RealTimeFileSource>(FrameSourceFactory.AtCameraRate(file, realTime));
        Assert.Same(file, FrameSourceFactory.AtCameraRate(file, new CaptureOptions { Fps = 30, FilePlayback = FilePlayback.EachFrameOnce }));
        Assert.Same(file, FrameSourceFactory.AtCameraRate(file, new CaptureOptions { Fps = 10, FilePlayback = FilePlayback.RealTime }));
        var unknownRate = NumberedFrames(isLive: false, nativeFps: null);
        Assert.Same(unknownRate, FrameSourceFactory.AtCameraRate(unknownRate, realTime));
    }

    /// <summary>Frame n of the file is a 1x1 grey image of value n.</summary>
    private static ScriptedSource NumberedFrames(bool isLive, double? nativeFps) =>
        new((read, _) => Task.FromResult(new Mat(1, 1, MatType.CV_8UC1, new Scalar(read))), isLive, nativeFps);
}
