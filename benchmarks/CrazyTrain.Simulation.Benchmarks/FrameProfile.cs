using System.Diagnostics;
using System.Globalization;
using System.Text;
using CrazyTrain.Simulation.Rendering;
using CrazyTrain.Simulation.Samples;
using OpenCvSharp;

namespace CrazyTrain.Simulation.Benchmarks;

/// <summary>
/// Renders the same frames (the STOP-sign sample run at 30 frames/s) with each renderer and reports the mean time of
/// every stage (wall time), JPEG encoding included, and the process's CPU time per frame, per repeat: on a shared box
/// compare stages and renderers relatively, and read the CPU time for what a frame costs one core.
/// </summary>
internal static class FrameProfile
{
    public static int Run(ProfileArguments a)
    {
        Cv2.SetNumThreads(a.Threads);
        var run = SampleVideos.All[0].Run;
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"# Render profile: {a.Frames} frames of '{SampleVideos.All[0].Name}' at 30 frames/s, OpenCV threads {a.Threads}, {DateTime.UtcNow:u}");
        report.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores, load average {LoadAverage()} at start.");
        var renderers = new (string Name, Func<IFrameRenderer> Create)[]
        {
            ("SceneRenderer (dataset path), supersampling 1", () => new SceneSource(new SceneRenderer(new RenderSettings { Supersampling = 1 }))),
            ("LiveSceneRenderer (twin path)", () => new LiveSource(new LiveSceneRenderer(new RenderSettings { Supersampling = 1 }))),
        };
        foreach (var (name, create) in renderers)
        {
            for (var r = 1; r <= a.Repeats; r++)
            {
                using var source = create();
                using (source.Render(run.SceneAt(0), null)) { } // caches (room, ground layers) are built outside the timing
                var profile = new RenderProfile();
                var wall = Stopwatch.StartNew();
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                for (var i = 0; i < a.Frames; i++)
                {
                    using var frame = source.Render(run.SceneAt(i / 30.0), profile);
                    Cv2.ImEncode(".jpg", frame.Image, out _, new ImageEncodingParam(ImwriteFlags.JpegQuality, 85));
                    profile.Mark("JPEG encode");
                }

                var perFrame = wall.Elapsed.TotalMilliseconds / a.Frames;
                // CPU time is what the frame costs a core; wall time also holds waiting for a core on a busy box.
                var cpuPerFrame = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / a.Frames;
                report.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"## {name}, repeat {r}: {perFrame:F1} ms/frame wall ({1000 / perFrame:F1} frames/s), {cpuPerFrame:F1} ms/frame CPU ({1000 / cpuPerFrame:F1} frames/s on one core of its own) (load average {LoadAverage()})");
                report.AppendLine().AppendLine("| stage | ms/frame |").AppendLine("|---|---|");
                foreach (var (stage, ms) in profile.PerFrame()) report.AppendLine(CultureInfo.InvariantCulture, $"| {stage} | {ms:F2} |");
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(a.Output))!);
        File.WriteAllText(a.Output, report.ToString());
        Console.WriteLine(report);
        Console.WriteLine($"Written to {a.Output}.");
        return 0;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    private interface IFrameRenderer : IDisposable
    {
        RenderedFrame Render(Scenes.Scene scene, RenderProfile? profile);
    }

    private sealed class SceneSource(SceneRenderer renderer) : IFrameRenderer
    {
        public RenderedFrame Render(Scenes.Scene scene, RenderProfile? profile) => renderer.Render(scene, profile);

        public void Dispose() => renderer.Dispose();
    }

    private sealed class LiveSource(LiveSceneRenderer renderer) : IFrameRenderer
    {
        public RenderedFrame Render(Scenes.Scene scene, RenderProfile? profile) => renderer.Render(scene, profile);

        public void Dispose() => renderer.Dispose();
    }
}
