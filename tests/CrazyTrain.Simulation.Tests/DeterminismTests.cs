using CrazyTrain.Simulation.Dataset;
using CrazyTrain.Simulation.Rendering;
using CrazyTrain.Simulation.Scenes;
using OpenCvSharp;

namespace CrazyTrain.Simulation.Tests;

public class DeterminismTests
{
    [Fact]
    public void Same_seed_renders_identical_bytes_and_boxes()
    {
        var style = SceneStyles.LivingRoomEvening;
        using var r1 = new SceneRenderer();
        using var r2 = new SceneRenderer();
        using var a = r1.Render(SceneGenerator.Create(style, 42));
        using var b = r2.Render(SceneGenerator.Create(style, 42));
        Cv2.ImEncode(".png", a.Image, out var pa);
        Cv2.ImEncode(".png", b.Image, out var pb);
        Assert.Equal(pa, pb);
        Assert.Equal(a.Signs, b.Signs);
    }

    [Fact]
    public void Different_seeds_render_different_scenes()
    {
        using var r = new SceneRenderer();
        using var a = r.Render(SceneGenerator.Create(SceneStyles.KidsRoom, 1));
        using var b = r.Render(SceneGenerator.Create(SceneStyles.KidsRoom, 2));
        using var diff = new Mat();
        Cv2.Absdiff(a.Image, b.Image, diff);
        Assert.True(Cv2.Mean(diff).Val0 > 5);
    }

    [Fact]
    public void Dataset_folder_does_not_depend_on_thread_count()
    {
        using var one = new TempDir();
        using var two = new TempDir();
        var s1 = DatasetRenderer.Render(new DatasetRenderOptions { OutputDirectory = one.Path, Count = 6, Seed = 5, Parallelism = 1 });
        var s2 = DatasetRenderer.Render(new DatasetRenderOptions { OutputDirectory = two.Path, Count = 6, Seed = 5, Parallelism = 2 });
        Assert.Equal(s1.ContentHash, s2.ContentHash);
        foreach (var file in Directory.GetFiles(one.Path, "*", SearchOption.AllDirectories))
        {
            var other = Path.Combine(two.Path, Path.GetRelativePath(one.Path, file));
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(other));
        }
    }

    [Fact]
    public void Dataset_hash_changes_with_the_seed()
    {
        using var one = new TempDir();
        using var two = new TempDir();
        var s1 = DatasetRenderer.Render(new DatasetRenderOptions { OutputDirectory = one.Path, Count = 2, Seed = 1 });
        var s2 = DatasetRenderer.Render(new DatasetRenderOptions { OutputDirectory = two.Path, Count = 2, Seed = 2 });
        Assert.NotEqual(s1.ContentHash, s2.ContentHash);
    }
}

internal sealed class TempDir : IDisposable
{
    public TempDir() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ct-sim-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder is harmless.
        }
    }
}
