using System.Text.Json;
using CrazyTrain.Simulation.Samples;
using OpenCvSharp;

namespace CrazyTrain.Simulation.Tests;

public class SampleVideoTests
{
    [Fact]
    public void Sample_video_is_readable_mp4_with_per_frame_boxes()
    {
        using var dir = new TempDir();
        var stop = SampleVideos.All.Single(v => v.Name == "stop-sign");
        // Six frames late in the run, where the STOP sign is near: same run, few frames.
        var shortRun = stop with { Seconds = 0.6, Run = stop.Run with { StartDistance = 2.55 } };
        var result = SampleVideos.Render(shortRun, dir.Path);

        using (var capture = new VideoCapture(result.VideoPath))
        {
            Assert.True(capture.IsOpened());
            Assert.Equal(640, capture.FrameWidth);
            Assert.Equal(480, capture.FrameHeight);
            var frames = 0;
            using var m = new Mat();
            while (capture.Read(m) && !m.Empty()) frames++;
            Assert.Equal(6, frames);
        }

        using var doc = JsonDocument.Parse(File.ReadAllText(result.SidecarPath));
        var root = doc.RootElement;
        Assert.Equal(6, root.GetProperty("frames").GetInt32());
        Assert.Equal(6, root.GetProperty("frameBoxes").GetArrayLength());
        var stopSeen = root.GetProperty("signs").EnumerateArray().Single(s => s.GetProperty("kind").GetString() == "stop");
        Assert.Equal("stop", stopSeen.GetProperty("label").GetString());
        Assert.Equal(0, stopSeen.GetProperty("firstFrame").GetInt32());
        // Approaching: the STOP sign grows from frame to frame.
        var widths = root.GetProperty("frameBoxes").EnumerateArray()
            .Select(f => f.GetProperty("objects").EnumerateArray().Single(o => o.GetProperty("kind").GetString() == "stop").GetProperty("box")[2].GetDouble())
            .ToList();
        Assert.True(widths[^1] > widths[0] * 1.1, string.Join(", ", widths));
    }

    [Fact]
    public void Published_samples_cover_stop_speed_danger_and_distractors()
    {
        Assert.Equal(["stop-sign", "speed-and-danger", "distractors"], SampleVideos.All.Select(v => v.Name));
        Assert.Contains(SampleVideos.All[0].Run.Signs, s => s.Kind == Signs.SignKind.Stop);
        Assert.Contains(SampleVideos.All[1].Run.Signs, s => s.Kind == Signs.SignKind.Danger);
        Assert.Contains(SampleVideos.All[1].Run.Signs, s => s.Kind is Signs.SignKind.SpeedLimit30 or Signs.SignKind.SpeedLimit50);
        Assert.All(SampleVideos.All[2].Run.Signs, s => Assert.False(Signs.SignKinds.IsTarget(s.Kind)));
        Assert.All(SampleVideos.All, v => Assert.InRange(v.Seconds, 10, 20));
        Assert.All(SampleVideos.All, v => Assert.InRange(v.Fps, 10, 15));
    }
}
