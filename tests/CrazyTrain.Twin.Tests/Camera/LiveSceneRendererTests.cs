using CrazyTrain.Simulation.Rendering;
using CrazyTrain.Twin.Camera;
using OpenCvSharp;

namespace CrazyTrain.Twin.Tests.Camera;

public sealed class LiveSceneRendererTests
{
    [Theory]
    [InlineData(100.0)]
    [InlineData(20.0)]
    [InlineData(250.0)]
    public void The_fast_path_draws_what_the_scene_renderer_draws(double positionCm)
    {
        var scene = new TwinScene(new TwinOptions().BuildLineside(), new CameraOptions()).At(positionCm, frame: 7);
        var settings = new RenderSettings { Supersampling = 1 };
        using var reference = new SceneRenderer(settings);
        using var live = new LiveSceneRenderer(settings);

        using var expected = reference.Render(scene);
        using var _ = live.Render(scene); // the first frame paints the cached layers; the second uses them
        using var actual = live.Render(scene);

        using var difference = new Mat();
        Cv2.Absdiff(expected.Image, actual.Image, difference);
        var meanDifference = Cv2.Mean(difference);
        Assert.True(meanDifference.Val0 + meanDifference.Val1 + meanDifference.Val2 < 3 * 4.0, $"mean difference {meanDifference}");
        Assert.Equal(expected.Signs.Select(s => s.Kind), actual.Signs.Select(s => s.Kind));
        foreach (var (e, a) in expected.Signs.Zip(actual.Signs))
        {
            Assert.Equal(e.Box.X, a.Box.X, 0.5);
            Assert.Equal(e.Box.Width, a.Box.Width, 0.5);
        }
    }
}
