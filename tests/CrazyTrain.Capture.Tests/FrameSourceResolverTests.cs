using CrazyTrain.Capture.Options;
using CrazyTrain.Capture.Tests.Support;
using Microsoft.Extensions.Hosting;

namespace CrazyTrain.Capture.Tests;

public sealed class FrameSourceResolverTests
{
    [Theory]
    [InlineData("http://10.0.0.5/video.mjpg", FrameSourceKind.Stream)]
    [InlineData("rtsp://camera:554/stream1", FrameSourceKind.Stream)]
    [InlineData("/dev/video2", FrameSourceKind.Camera)]
    [InlineData("0", FrameSourceKind.Camera)]
    [InlineData("nvarguscamerasrc ! video/x-raw(memory:NVMM),width=640,height=480 ! nvvidconv ! appsink", FrameSourceKind.GStreamer)]
    [InlineData("samples/stop-sign.mp4", FrameSourceKind.File)]
    [InlineData("/srv/videos/run.avi", FrameSourceKind.File)]
    public void Kind_is_guessed_from_the_source(string source, FrameSourceKind expected) =>
        Assert.Equal(expected, FrameSourceResolver.Resolve(new CaptureOptions { Source = source }, TrainMode.Simulation, "/").Kind);

    [Fact]
    public void Explicit_kind_wins_over_the_guess()
    {
        var spec = FrameSourceResolver.Resolve(new CaptureOptions { Kind = "gstreamer", Source = "videotestsrc ! appsink" }, TrainMode.Simulation, "/");
        Assert.Equal(new FrameSourceSpec(FrameSourceKind.GStreamer, "videotestsrc ! appsink"), spec);
    }

    [Fact]
    public void Simulation_defaults_to_the_stop_sign_sample_found_from_a_nested_content_root()
    {
        using var repository = new TempFolder();
        var sample = repository.File(FrameSourceResolver.SimulationSampleVideo);
        Directory.CreateDirectory(Path.GetDirectoryName(sample)!);
        File.WriteAllBytes(sample, [0]);
        var contentRoot = Directory.CreateDirectory(repository.File("src/CrazyTrain.Capture")).FullName;

        var spec = FrameSourceResolver.Resolve(new CaptureOptions(), TrainMode.Simulation, contentRoot);

        Assert.Equal(new FrameSourceSpec(FrameSourceKind.File, sample), spec);
    }

    [Fact]
    public void Missing_relative_file_resolves_under_the_content_root_so_errors_name_a_real_path()
    {
        using var folder = new TempFolder();
        var spec = FrameSourceResolver.Resolve(new CaptureOptions { Source = "videos/not-there.mp4" }, TrainMode.Simulation, folder.Path);
        Assert.Equal(folder.File("videos/not-there.mp4"), spec.Location);
    }

    [Fact]
    public void Hardware_defaults_to_the_first_camera() =>
        Assert.Equal(new FrameSourceSpec(FrameSourceKind.Camera, "/dev/video0"),
            FrameSourceResolver.Resolve(new CaptureOptions(), TrainMode.Hardware, "/"));
}
