using System.Globalization;
using System.Text.Json;
using CrazyTrain.Signs;
using CrazyTrain.Simulation.Dataset;
using CrazyTrain.Simulation.Scenes;
using CrazyTrain.Simulation.Signs;

namespace CrazyTrain.Simulation.Tests;

public class DatasetFormatTests
{
    [Fact]
    public void Writes_images_yolo_labels_annotations_and_manifest()
    {
        using var dir = new TempDir();
        var summary = DatasetRenderer.Render(new DatasetRenderOptions { OutputDirectory = dir.Path, Count = 8, Seed = 11 });

        Assert.Equal(8, Directory.GetFiles(Path.Combine(dir.Path, "images"), "*.jpg").Length);
        Assert.Equal(8, Directory.GetFiles(Path.Combine(dir.Path, "labels"), "*.txt").Length);
        var lines = File.ReadAllLines(Path.Combine(dir.Path, "annotations.jsonl"));
        Assert.Equal(8, lines.Length);

        var labelledTotal = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var id = (i + 1).ToString("D6", CultureInfo.InvariantCulture);
            using var doc = JsonDocument.Parse(lines[i]);
            var root = doc.RootElement;
            Assert.Equal($"images/{id}.jpg", root.GetProperty("image").GetString());
            Assert.Equal(640, root.GetProperty("width").GetInt32());
            Assert.Equal(480, root.GetProperty("height").GetInt32());
            Assert.Contains(root.GetProperty("style").GetString(), SceneStyles.TrainingNames);
            Assert.True(File.Exists(Path.Combine(dir.Path, "images", id + ".jpg")));

            var expectedYolo = new List<(int Cls, double[] Box)>();
            foreach (var o in root.GetProperty("objects").EnumerateArray())
            {
                var kind = o.GetProperty("kind").GetString()!;
                var label = o.GetProperty("label");
                var box = o.GetProperty("box").EnumerateArray().Select(e => e.GetDouble()).ToArray();
                var visibility = o.GetProperty("visibility").GetDouble();
                Assert.Equal(4, box.Length);
                Assert.InRange(box[0], 0, 640);
                Assert.InRange(box[1], 0, 480);
                Assert.InRange(box[0] + box[2], 0, 640.01);
                Assert.InRange(box[1] + box[3], 0, 480.01);
                Assert.InRange(visibility, 0.0001, 1);
                var signKind = SignKinds.Parse(kind);
                if (SignKinds.IsTarget(signKind))
                {
                    Assert.Equal(kind, label.GetString());
                    if (visibility >= 0.4 && box[2] >= 4 && box[3] >= 4) expectedYolo.Add(((int)signKind, box));
                }
                else
                {
                    Assert.Equal(JsonValueKind.Null, label.ValueKind);
                }
            }

            var yolo = File.ReadAllLines(Path.Combine(dir.Path, "labels", id + ".txt"));
            Assert.Equal(expectedYolo.Count, yolo.Length);
            for (var k = 0; k < yolo.Length; k++)
            {
                var parts = yolo[k].Split(' ');
                Assert.Equal(5, parts.Length);
                var v = parts.Skip(1).Select(p => double.Parse(p, CultureInfo.InvariantCulture)).ToArray();
                Assert.All(v, x => Assert.InRange(x, 0, 1));
                var (cls, box) = expectedYolo[k];
                Assert.Equal(cls, int.Parse(parts[0], CultureInfo.InvariantCulture));
                Assert.Equal((box[0] + box[2] / 2) / 640, v[0], 2);
                Assert.Equal((box[1] + box[3] / 2) / 480, v[1], 2);
                Assert.Equal(box[2] / 640, v[2], 2);
                Assert.Equal(box[3] / 480, v[3], 2);
            }

            labelledTotal += yolo.Length;
        }

        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "dataset.json")));
        var m = manifest.RootElement;
        Assert.Equal(SignCatalogue.Labels, m.GetProperty("labels").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(8, m.GetProperty("count").GetInt32());
        Assert.Equal(11, m.GetProperty("seed").GetInt64());
        Assert.Equal(SceneStyles.TrainingNames, m.GetProperty("styles").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(DatasetFormat.GeneratorVersion, m.GetProperty("generatorVersion").GetString());
        Assert.Equal(summary.ContentHash, m.GetProperty("contentHash").GetString());
        Assert.StartsWith("sha256:", summary.ContentHash);
        Assert.Equal(labelledTotal, summary.LabelledObjects.Values.Sum());
    }

    [Fact]
    public void Held_out_styles_render_only_held_out_scenes()
    {
        using var dir = new TempDir();
        DatasetRenderer.Render(new DatasetRenderOptions { OutputDirectory = dir.Path, Count = 4, Seed = 3, Styles = SceneStyles.HeldOutNames });
        foreach (var line in File.ReadAllLines(Path.Combine(dir.Path, "annotations.jsonl")))
        {
            using var doc = JsonDocument.Parse(line);
            Assert.Contains(doc.RootElement.GetProperty("style").GetString(), SceneStyles.HeldOutNames);
        }

        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "dataset.json")));
        Assert.True(manifest.RootElement.GetProperty("heldOutStyles").GetBoolean());
    }

    [Fact]
    public void Refuses_to_overwrite_an_existing_dataset_unless_asked()
    {
        using var dir = new TempDir();
        DatasetRenderer.Render(new DatasetRenderOptions { OutputDirectory = dir.Path, Count = 1 });
        Assert.Throws<IOException>(() => DatasetRenderer.Render(new DatasetRenderOptions { OutputDirectory = dir.Path, Count = 1 }));
        var again = DatasetRenderer.Render(new DatasetRenderOptions { OutputDirectory = dir.Path, Count = 2, Overwrite = true });
        Assert.Equal(2, Directory.GetFiles(Path.Combine(dir.Path, "images")).Length);
        Assert.Equal(2, again.Count);
    }

    [Theory]
    [InlineData(0, 92, "Count")]
    [InlineData(5, 0, "JPEG")]
    public void Invalid_options_are_rejected_with_a_clear_message(int count, int quality, string mentioned)
    {
        var ex = Assert.Throws<ArgumentException>(() => new DatasetRenderOptions { OutputDirectory = "x", Count = count, JpegQuality = quality }.Validate());
        Assert.Contains(mentioned, ex.Message);
    }

    [Fact]
    public void Unknown_style_names_the_known_ones()
    {
        var ex = Assert.Throws<ArgumentException>(() => new DatasetRenderOptions { OutputDirectory = "x", Styles = ["moon-base"] }.Validate());
        Assert.Contains("moon-base", ex.Message);
        Assert.Contains(SceneStyles.LivingRoomDaylight.Name, ex.Message);
    }
}
