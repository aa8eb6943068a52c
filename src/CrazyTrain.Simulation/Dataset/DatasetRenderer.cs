using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrazyTrain.Signs;
using CrazyTrain.Simulation.Geometry;
using CrazyTrain.Simulation.Rendering;
using CrazyTrain.Simulation.Scenes;
using CrazyTrain.Simulation.Signs;
using OpenCvSharp;

namespace CrazyTrain.Simulation.Dataset;

/// <summary>
/// Renders a labelled dataset folder. Image i is drawn from a seed derived from (seed, i) alone, so the
/// folder's bytes depend only on the options, not on thread count or timing.
/// </summary>
public static class DatasetRenderer
{
    public static DatasetRenderSummary Render(DatasetRenderOptions options, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var styles = options.Validate();
        var dir = Path.GetFullPath(options.OutputDirectory);
        PrepareDirectory(dir, options.Overwrite);
        var stopwatch = Stopwatch.StartNew();

        var count = options.Count;
        var lines = new string[count];
        var hashes = new byte[count][];
        var perImage = new ImageStats[count];
        var done = 0;
        var settings = new RenderSettings { Width = options.Width, Height = options.Height };
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = ct };
        Parallel.For(0, count, parallel,
            () => new SceneRenderer(settings),
            (i, _, renderer) =>
            {
                (lines[i], hashes[i], perImage[i]) = RenderOne(renderer, options, styles, i, dir);
                progress?.Report(Interlocked.Increment(ref done));
                return renderer;
            },
            renderer => renderer.Dispose());

        File.WriteAllText(Path.Combine(dir, "annotations.jsonl"), string.Join("\n", lines) + "\n", new UTF8Encoding(false));
        var contentHash = ContentHash(hashes);
        var labelled = SignCatalogue.Labels.ToDictionary(l => l, l => perImage.Sum(s => s.Labelled.GetValueOrDefault(l)));
        var styleNames = styles.Select(s => s.Name).ToArray();
        WriteManifest(dir, options, styleNames, contentHash, labelled);
        return new DatasetRenderSummary(dir, count, options.Seed, styleNames, contentHash, labelled,
            perImage.Sum(s => s.Distractors), perImage.Count(s => s.Labelled.Count == 0), stopwatch.Elapsed);
    }

    /// <summary>The scene of image <paramref name="index"/> (useful to re-render or inspect one image).</summary>
    public static Scene SceneFor(long seed, int index, IReadOnlyList<SceneStyle> styles)
    {
        var imageSeed = DeterministicRandom.DeriveSeed(seed, index);
        var pick = new DeterministicRandom(imageSeed ^ 0x5354594C45UL);
        var style = styles[pick.Next(0, styles.Count)];
        return SceneGenerator.Create(style, imageSeed);
    }

    private sealed record ImageStats(Dictionary<string, int> Labelled, int Distractors);

    private static (string Line, byte[] Hash, ImageStats Stats) RenderOne(SceneRenderer renderer, DatasetRenderOptions options, IReadOnlyList<SceneStyle> styles, int index, string dir)
    {
        var scene = SceneFor(options.Seed, index, styles);
        using var frame = renderer.Render(scene);
        var id = DatasetFormat.ImageId(index, options.Count);
        var imagePath = $"images/{id}.jpg";
        Cv2.ImEncode(".jpg", frame.Image, out var jpeg, new ImageEncodingParam(ImwriteFlags.JpegQuality, options.JpegQuality));
        File.WriteAllBytes(Path.Combine(dir, "images", id + ".jpg"), jpeg);
        var labels = DatasetFormat.YoloLabels(frame.Signs, options.Width, options.Height, options.MinLabelVisibility, options.MinLabelSize);
        var labelBytes = Encoding.ASCII.GetBytes(labels);
        File.WriteAllBytes(Path.Combine(dir, "labels", id + ".txt"), labelBytes);
        var line = DatasetFormat.AnnotationLine(imagePath, options.Width, options.Height, scene.Style, frame.Signs);

        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes(id));
        sha.AppendData(jpeg);
        sha.AppendData(labelBytes);
        sha.AppendData(Encoding.UTF8.GetBytes(line));
        var stats = new Dictionary<string, int>();
        foreach (var s in frame.Signs.Where(s => DatasetFormat.IsLabelled(s, options.MinLabelVisibility, options.MinLabelSize)))
        {
            stats[s.Label!] = stats.GetValueOrDefault(s.Label!) + 1;
        }

        return (line, sha.GetHashAndReset(), new ImageStats(stats, frame.Signs.Count(s => !s.IsTarget)));
    }

    private static string ContentHash(byte[][] hashes)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var h in hashes) sha.AppendData(h);
        return "sha256:" + Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static void PrepareDirectory(string dir, bool overwrite)
    {
        var manifest = Path.Combine(dir, "dataset.json");
        var images = Path.Combine(dir, "images");
        var labels = Path.Combine(dir, "labels");
        if (File.Exists(manifest) || Directory.Exists(images) || Directory.Exists(labels))
        {
            if (!overwrite)
            {
                throw new IOException($"'{dir}' already holds a dataset; choose another folder or overwrite it explicitly.");
            }

            if (Directory.Exists(images)) Directory.Delete(images, true);
            if (Directory.Exists(labels)) Directory.Delete(labels, true);
            File.Delete(manifest);
            File.Delete(Path.Combine(dir, "annotations.jsonl"));
        }

        Directory.CreateDirectory(images);
        Directory.CreateDirectory(labels);
    }

    private static void WriteManifest(string dir, DatasetRenderOptions options, string[] styles, string contentHash, Dictionary<string, int> labelled)
    {
        var json = new JsonObject
        {
            ["generator"] = DatasetFormat.GeneratorName,
            ["generatorVersion"] = DatasetFormat.GeneratorVersion,
            ["labels"] = new JsonArray(SignCatalogue.Labels.Select(l => (JsonNode)JsonValue.Create(l)!).ToArray()),
            ["count"] = options.Count,
            ["seed"] = options.Seed,
            ["styles"] = new JsonArray(styles.Select(s => (JsonNode)JsonValue.Create(s)!).ToArray()),
            ["heldOutStyles"] = styles.All(s => SceneStyles.Get(s).HeldOut),
            ["width"] = options.Width,
            ["height"] = options.Height,
            ["jpegQuality"] = options.JpegQuality,
            ["labelRule"] = new JsonObject { ["minVisibility"] = options.MinLabelVisibility, ["minSizePixels"] = options.MinLabelSize },
            ["labelledObjects"] = new JsonObject(labelled.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value)))),
            ["contentHash"] = contentHash,
        };
        File.WriteAllText(Path.Combine(dir, "dataset.json"), json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n", new UTF8Encoding(false));
    }
}
