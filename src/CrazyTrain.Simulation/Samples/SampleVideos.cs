using System.Globalization;
using System.Text;
using System.Text.Json;
using CrazyTrain.Simulation.Dataset;
using CrazyTrain.Simulation.Geometry;
using CrazyTrain.Simulation.Rendering;
using CrazyTrain.Simulation.Scenes;
using CrazyTrain.Simulation.Signs;
using OpenCvSharp;

namespace CrazyTrain.Simulation.Samples;

/// <summary>One sample video: its file name, what it shows, the run and its length.</summary>
public sealed record SampleVideo(string Name, string Description, TrackRun Run, double Seconds, double Fps = 10);

/// <summary>Frames in which one sign of a sample video is visible.</summary>
public sealed record SignAppearance(int SignIndex, string Kind, string? Label, int FirstFrame, int LastFrame, double MaxWidth);

/// <summary>What rendering one sample video produced.</summary>
public sealed record SampleVideoResult(SampleVideo Video, string VideoPath, string SidecarPath, int Frames, long Bytes, IReadOnlyList<SignAppearance> Appearances);

/// <summary>
/// The capture stand-in's sample videos (issue 5): runs along a LEGO track from the train's camera,
/// rendered by <see cref="SceneRenderer"/>, written as mp4v 640x480 with a JSON sidecar of per-frame boxes.
/// </summary>
public static class SampleVideos
{
    public const string Command = "dotnet run --project src/CrazyTrain.Training -c Release -- render-samples --output samples";

    public static IReadOnlyList<SampleVideo> All { get; } =
    [
        new("stop-sign", "A run along a straight and a left curve past a STOP sign (a parking sign stands early on the right).", StopSignRun(), 15),
        new("speed-and-danger", "Speed limits 50 and 30 and two danger signs (level crossing, '!') along a run with a right curve.", SpeedAndDangerRun(), 18),
        new("distractors", "Only signs that must not be detected: parking, car, bicycle, bus stop, pedestrian crossing, no horn, traffic light.", DistractorRun(), 18),
    ];

    /// <summary>Renders every sample video, its sidecar and the README into <paramref name="outputDirectory"/>.</summary>
    public static IReadOnlyList<SampleVideoResult> RenderAll(string outputDirectory, IProgress<(string Name, int Frame, int Frames)>? progress = null, CancellationToken ct = default)
    {
        Directory.CreateDirectory(outputDirectory);
        var results = All.Select(v => Render(v, outputDirectory, progress, ct)).ToList();
        File.WriteAllText(Path.Combine(outputDirectory, "README.md"), Readme(results), new UTF8Encoding(false));
        return results;
    }

    public static SampleVideoResult Render(SampleVideo video, string outputDirectory, IProgress<(string Name, int Frame, int Frames)>? progress = null, CancellationToken ct = default)
    {
        var settings = new RenderSettings();
        var frames = (int)Math.Round(video.Seconds * video.Fps);
        var videoPath = Path.Combine(outputDirectory, video.Name + ".mp4");
        var sidecarPath = Path.Combine(outputDirectory, video.Name + ".json");
        using var writer = new VideoWriter(videoPath, FourCC.MP4V, video.Fps, new Size(settings.Width, settings.Height));
        if (!writer.IsOpened())
        {
            throw new IOException($"Cannot open a video writer for '{videoPath}' (mp4v); is OpenCV's FFmpeg available?");
        }

        // Frames are independent: render a chunk in parallel (one renderer per worker, each keeps the room
        // painted), then write the chunk in order.
        var workers = Math.Max(1, Environment.ProcessorCount);
        var pool = new System.Collections.Concurrent.ConcurrentBag<SceneRenderer>();
        var perFrame = new List<IReadOnlyList<SignObservation>>(frames);
        try
        {
            const int chunk = 24;
            for (var start = 0; start < frames; start += chunk)
            {
                var count = Math.Min(chunk, frames - start);
                var rendered = new RenderedFrame[count];
                var first = start;
                Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = ct }, j =>
                {
                    var renderer = pool.TryTake(out var r) ? r : new SceneRenderer(settings);
                    rendered[j] = renderer.Render(video.Run.SceneAt((first + j) / video.Fps));
                    pool.Add(renderer);
                });
                foreach (var frame in rendered)
                {
                    writer.Write(frame.Image);
                    perFrame.Add(frame.Signs);
                    frame.Dispose();
                }

                progress?.Report((video.Name, start + count, frames));
            }
        }
        finally
        {
            foreach (var r in pool) r.Dispose();
        }

        writer.Release();
        var appearances = Appearances(video, perFrame);
        File.WriteAllText(sidecarPath, Sidecar(video, settings, perFrame, appearances), new UTF8Encoding(false));
        return new SampleVideoResult(video, videoPath, sidecarPath, frames, new FileInfo(videoPath).Length, appearances);
    }

    private static List<SignAppearance> Appearances(SampleVideo video, List<IReadOnlyList<SignObservation>> perFrame)
    {
        var result = new List<SignAppearance>();
        for (var s = 0; s < video.Run.Signs.Count; s++)
        {
            var seen = perFrame.Select((obs, f) => (f, o: obs.FirstOrDefault(o => o.SignIndex == s)))
                .Where(x => x.o is { Visibility: >= 0.4 } o && o.Box.Width >= 4)
                .ToList();
            if (seen.Count == 0) continue;
            var kind = video.Run.Signs[s].Kind;
            result.Add(new SignAppearance(s, SignKinds.Name(kind), SignKinds.Label(kind), seen[0].f, seen[^1].f, seen.Max(x => x.o!.Box.Width)));
        }

        return result;
    }

    private static string Sidecar(SampleVideo video, RenderSettings settings, List<IReadOnlyList<SignObservation>> perFrame, List<SignAppearance> appearances)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            w.WriteStartObject();
            w.WriteString("video", video.Name + ".mp4");
            w.WriteString("description", video.Description);
            w.WriteString("command", Command);
            w.WriteNumber("fps", video.Fps);
            w.WriteNumber("width", settings.Width);
            w.WriteNumber("height", settings.Height);
            w.WriteNumber("frames", perFrame.Count);
            w.WriteString("style", video.Run.Style);
            w.WriteStartArray("signs");
            foreach (var a in appearances)
            {
                w.WriteStartObject();
                w.WriteNumber("sign", a.SignIndex);
                w.WriteString("kind", a.Kind);
                if (a.Label is null) w.WriteNull("label");
                else w.WriteString("label", a.Label);
                w.WriteNumber("firstFrame", a.FirstFrame);
                w.WriteNumber("lastFrame", a.LastFrame);
                w.WriteNumber("maxWidth", Math.Round(a.MaxWidth, 1));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("frameBoxes");
            for (var f = 0; f < perFrame.Count; f++)
            {
                w.WriteStartObject();
                w.WriteNumber("frame", f);
                w.WriteStartArray("objects");
                foreach (var o in perFrame[f])
                {
                    DatasetFormat.WriteObservation(w, o, boxDecimals: 1, visibilityDecimals: 2, withSignIndex: true);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static string Readme(IReadOnlyList<SampleVideoResult> results)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine("# Sample videos");
        sb.AppendLine();
        sb.AppendLine("Runs along a LEGO track seen from the train's camera, rendered by `CrazyTrain.Simulation` (see");
        sb.AppendLine("docs/renderer.md). They stand in for the camera in `Simulation` mode (issue 5). mp4v, 640x480.");
        sb.AppendLine("Each video has a JSON sidecar with the exact box of every visible sign face in every frame.");
        sb.AppendLine();
        sb.AppendLine("Regenerate (deterministic scenes; the mp4 encoder may differ in bytes between OpenCV builds):");
        sb.AppendLine();
        sb.AppendLine("```");
        sb.AppendLine(Command);
        sb.AppendLine("```");
        foreach (var r in results)
        {
            var v = r.Video;
            sb.AppendLine();
            sb.AppendLine(c, $"## {v.Name}.mp4");
            sb.AppendLine();
            sb.AppendLine(c, $"{v.Description} {r.Frames} frames at {v.Fps:0.#} fps ({r.Frames / v.Fps:0.#} s), style `{v.Run.Style}`, {r.Bytes / 1024.0:0} KiB.");
            sb.AppendLine();
            sb.AppendLine("| sign | kind | label (detector class) | visible in frames | seconds | widest (px) |");
            sb.AppendLine("|---|---|---|---|---|---|");
            foreach (var a in r.Appearances)
            {
                sb.AppendLine(c, $"| {a.SignIndex} | {a.Kind} | {(a.Label is null ? "none (distractor)" : "`" + a.Label + "`")} | {a.FirstFrame}-{a.LastFrame} | {a.FirstFrame / v.Fps:0.0}-{a.LastFrame / v.Fps:0.0} | {a.MaxWidth:0} |");
            }
        }

        sb.AppendLine();
        sb.AppendLine("A sign counts as visible when at least 40% of its face is in view and its box is at least 4 px wide;");
        sb.AppendLine("the sidecars list every frame's boxes, including smaller and more hidden ones.");
        return sb.ToString();
    }

    private static TableSpec Table(TableMaterial material, OpenCvSharp.Scalar colour) =>
        new(material, colour, new Vec2(-2.5, -1.5), new Vec2(2.5, 5.5), 7);

    private static SignPlacement Beside(TrackLayout track, double s, int side, SignKind kind, double lateral = 0.075, double yaw = 0.15,
        DangerPictogram pictogram = DangerPictogram.Exclamation)
    {
        var (p, h) = track.PoseAt(s);
        var at = p + Vec2.FromAngle(h + side * Math.PI / 2) * lateral;
        // Faces look back along the track towards the oncoming train, turned a little towards its path.
        return new SignPlacement(kind, at, h + Math.PI + side * yaw) { Pictogram = pictogram, FaceHeight = 0.056 };
    }

    private static TrackRun StopSignRun()
    {
        var track = new TrackLayout(new Vec2(0, -0.5), Math.PI / 2,
            [TrackSegment.Straight(1.6), TrackSegment.Curve(0.4, Math.PI / 2), TrackSegment.Straight(2.0)]);
        var room = new RoomBackdrop(SceneStyles.LivingRoomDaylight.Name, 101, 2.6) { Centre = new Vec2(-0.4, 1.6), Size = new Vec2(5.5, 6.5) };
        return new TrackRun(SceneStyles.LivingRoomDaylight.Name, track,
            [Beside(track, 1.5, -1, SignKind.Parking, 0.09), Beside(track, 3.0, 1, SignKind.Stop, 0.08, 0.2)],
            Table(TableMaterial.Black, OpenCvSharp.Scalar.All(28)), room, 0.18, 0.4);
    }

    private static TrackRun SpeedAndDangerRun()
    {
        var track = new TrackLayout(new Vec2(0, -0.5), Math.PI / 2,
            [TrackSegment.Straight(2.0), TrackSegment.Curve(0.4, -Math.PI / 2), TrackSegment.Straight(2.5)]);
        var room = new RoomBackdrop(SceneStyles.KidsRoom.Name, 202, 2.2) { Centre = new Vec2(0.6, 1.6), Size = new Vec2(5.0, 6.0) };
        return new TrackRun(SceneStyles.KidsRoom.Name, track,
            [
                Beside(track, 1.3, 1, SignKind.SpeedLimit50),
                Beside(track, 2.0, -1, SignKind.Danger, 0.08, 0.1, DangerPictogram.LevelCrossingGate),
                Beside(track, 3.1, 1, SignKind.SpeedLimit30, 0.085, 0.25),
                Beside(track, 3.9, -1, SignKind.Danger, 0.075, 0.2, DangerPictogram.Exclamation),
            ],
            Table(TableMaterial.DarkBrown, new OpenCvSharp.Scalar(32, 45, 66)), room, 0.2, 0.4)
        {
            Effects = new CameraEffects { Noise = 1.8, ChromaNoise = 0.6, Defocus = 0.4, Vignette = 0.25, Resolution = 0.85, ColourCast = LightColour.Gains(3600, 0.4) },
        };
    }

    private static TrackRun DistractorRun()
    {
        var track = new TrackLayout(new Vec2(0, -0.5), Math.PI / 2,
            [TrackSegment.Straight(1.2), TrackSegment.Curve(0.56, Math.PI / 3), TrackSegment.Straight(3.0)]);
        var room = new RoomBackdrop(SceneStyles.OfficeFluorescent.Name, 303, 3.0) { Centre = new Vec2(-0.5, 1.8), Size = new Vec2(6.0, 7.0) };
        return new TrackRun(SceneStyles.OfficeFluorescent.Name, track,
            [
                Beside(track, 1.0, 1, SignKind.Parking),
                Beside(track, 1.5, -1, SignKind.CarDisc),
                Beside(track, 2.0, 1, SignKind.BicycleDisc, 0.08, 0.3),
                Beside(track, 2.5, -1, SignKind.BusStop),
                Beside(track, 3.0, 1, SignKind.PedestrianCrossing),
                Beside(track, 3.5, -1, SignKind.NoHorn, 0.085),
                Beside(track, 4.0, 1, SignKind.TrafficLight),
            ],
            Table(TableMaterial.DarkGrey, OpenCvSharp.Scalar.All(55)), room, 0.2, 0.4)
        {
            Effects = new CameraEffects { Noise = 1.5, ChromaNoise = 0.5, Defocus = 0.3, Vignette = 0.15, Resolution = 0.9, ColourCast = new OpenCvSharp.Scalar(0.95, 1.04, 0.94) },
        };
    }
}
