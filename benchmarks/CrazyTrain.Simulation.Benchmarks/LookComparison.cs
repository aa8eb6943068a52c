using System.Globalization;
using System.Text;
using CrazyTrain.Simulation.Dataset;
using CrazyTrain.Simulation.Rendering;
using CrazyTrain.Simulation.Samples;
using OpenCvSharp;

namespace CrazyTrain.Simulation.Benchmarks;

/// <summary>
/// Did the live path keep the look the sign model was trained on? Renders the same poses of every sample run (one every
/// half second) with the dataset renderer (supersampling 2), with <see cref="LiveSceneRenderer"/> and with the dataset
/// renderer at supersampling 1 (the twin's previous path), as labelled folders (<c>full/</c>, <c>live/</c>,
/// <c>full-ss1/</c>: images, YOLO labels, annotations) for the model factory's <c>evaluate</c>, and
/// reports how far the two renderers' sign boxes and pictures differ.
/// </summary>
internal static class LookComparison
{
    private const double Step = 0.5;

    public static int Run(string output)
    {
        var full = Folder(output, "full");
        var live = Folder(output, "live");
        var plain = Folder(output, "full-ss1");
        var report = new StringBuilder();
        var fullLines = new List<string>();
        var liveLines = new List<string>();
        var plainLines = new List<string>();
        int frames = 0, signs = 0, labelsDiffer = 0;
        double worstBox = 0, meanDifference = 0;
        using var fullRenderer = new SceneRenderer(new RenderSettings { Supersampling = 2 });
        using var plainRenderer = new SceneRenderer(new RenderSettings { Supersampling = 1 });
        foreach (var video in SampleVideos.All)
        {
            using var liveRenderer = new LiveSceneRenderer(new RenderSettings { Supersampling = 1 });
            for (var t = 0.0; t < video.Seconds; t += Step)
            {
                var scene = video.Run.SceneAt(t);
                using var a = fullRenderer.Render(scene);
                using var b = liveRenderer.Render(scene);
                using var c = plainRenderer.Render(scene);
                var id = DatasetFormat.ImageId(frames, 1000);
                fullLines.Add(Write(full, id, a, scene.Style));
                liveLines.Add(Write(live, id, b, scene.Style));
                plainLines.Add(Write(plain, id, c, scene.Style));
                frames++;
                foreach (var sa in a.Signs.Where(Labelled))
                {
                    signs++;
                    var sb = b.Signs.FirstOrDefault(s => s.SignIndex == sa.SignIndex);
                    if (sb is null || !Labelled(sb)) { labelsDiffer++; continue; }
                    worstBox = Math.Max(worstBox, new[] { sa.Box.X - sb.Box.X, sa.Box.Y - sb.Box.Y, sa.Box.Width - sb.Box.Width, sa.Box.Height - sb.Box.Height }.Max(Math.Abs));
                }

                labelsDiffer += b.Signs.Count(sb => Labelled(sb) && !a.Signs.Any(sa => sa.SignIndex == sb.SignIndex && Labelled(sa)));
                using var difference = new Mat();
                Cv2.Absdiff(a.Image, b.Image, difference);
                var mean = Cv2.Mean(difference);
                meanDifference += (mean.Val0 + mean.Val1 + mean.Val2) / 3;
            }
        }

        File.WriteAllText(Path.Combine(full, "annotations.jsonl"), string.Join("\n", fullLines) + "\n");
        File.WriteAllText(Path.Combine(live, "annotations.jsonl"), string.Join("\n", liveLines) + "\n");
        File.WriteAllText(Path.Combine(plain, "annotations.jsonl"), string.Join("\n", plainLines) + "\n");
        report.AppendLine(CultureInfo.InvariantCulture, $"{frames} poses of the {SampleVideos.All.Count} sample runs, every {Step} s: {signs} labelled target signs in the full render.");
        report.AppendLine(CultureInfo.InvariantCulture, $"Labelled in one renderer only: {labelsDiffer}. Largest box difference: {worstBox:F2} px. Mean absolute pixel difference: {meanDifference / frames:F2} grey levels.");
        report.AppendLine($"Next: evaluate --model models/crazytrain-signs.onnx --data {full}, --data {live} and --data {plain}, and compare recall.");
        File.WriteAllText(Path.Combine(output, "look.md"), report.ToString());
        Console.Write(report);
        return 0;
    }

    private static bool Labelled(SignObservation s) => DatasetFormat.IsLabelled(s, 0.4, 4);

    private static string Folder(string output, string name)
    {
        var dir = Path.GetFullPath(Path.Combine(output, name));
        Directory.CreateDirectory(Path.Combine(dir, "images"));
        Directory.CreateDirectory(Path.Combine(dir, "labels"));
        return dir;
    }

    private static string Write(string dir, string id, RenderedFrame frame, string style)
    {
        var w = frame.Image.Cols;
        var h = frame.Image.Rows;
        Cv2.ImWrite(Path.Combine(dir, "images", id + ".jpg"), frame.Image, new ImageEncodingParam(ImwriteFlags.JpegQuality, 92));
        File.WriteAllText(Path.Combine(dir, "labels", id + ".txt"), DatasetFormat.YoloLabels(frame.Signs, w, h, 0.4, 4));
        return DatasetFormat.AnnotationLine($"images/{id}.jpg", w, h, style, frame.Signs);
    }
}
