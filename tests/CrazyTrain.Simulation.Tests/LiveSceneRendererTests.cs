using CrazyTrain.Simulation.Dataset;
using CrazyTrain.Simulation.Geometry;
using CrazyTrain.Simulation.Rendering;
using CrazyTrain.Simulation.Samples;
using CrazyTrain.Simulation.Scenes;
using OpenCvSharp;

namespace CrazyTrain.Simulation.Tests;

/// <summary>The live camera's fast path against the dataset renderer: same signs, same boxes, the same look.</summary>
public sealed class LiveSceneRendererTests
{
    [Theory]
    [InlineData(0, 2.0)]
    [InlineData(0, 9.5)]
    [InlineData(0, 11.0)]
    [InlineData(1, 5.0)]
    [InlineData(1, 12.5)]
    [InlineData(2, 9.0)]
    public void The_live_path_sees_the_signs_the_dataset_renderer_sees(int video, double seconds)
    {
        var scene = SampleVideos.All[video].Run.SceneAt(seconds);
        using var full = new SceneRenderer(new RenderSettings { Supersampling = 2 });
        using var live = new LiveSceneRenderer(new RenderSettings { Supersampling = 1 });

        using var expected = full.Render(scene);
        using var actual = live.Render(scene);

        Assert.NotEmpty(expected.Signs);
        Assert.Equal(expected.Signs.Select(s => (s.SignIndex, Labelled(s))), actual.Signs.Select(s => (s.SignIndex, Labelled(s))));
        foreach (var (e, a) in expected.Signs.Zip(actual.Signs))
        {
            Assert.Equal(e.Box.X, a.Box.X, 0.5);
            Assert.Equal(e.Box.Y, a.Box.Y, 0.5);
            Assert.Equal(e.Box.Width, a.Box.Width, 0.5);
            Assert.Equal(e.Box.Height, a.Box.Height, 0.5);
            Assert.Equal(e.Visibility, a.Visibility, 0.1);
        }
    }

    [Theory]
    [InlineData(0, 3.0)]
    [InlineData(1, 9.0)]
    [InlineData(2, 14.0)]
    public void The_live_path_keeps_the_look_of_the_dataset_renderer(int video, double seconds)
    {
        var scene = SampleVideos.All[video].Run.SceneAt(seconds);
        using var reference = new SceneRenderer(new RenderSettings { Supersampling = 1 });
        using var live = new LiveSceneRenderer(new RenderSettings { Supersampling = 1 });

        using var expected = reference.Render(scene);
        using var actual = live.Render(scene);

        // Pixel by pixel: only the noise pattern and the rounding of blur and tone differ.
        Assert.True(MeanDifference(expected.Image, actual.Image) < 4.0, $"mean difference {MeanDifference(expected.Image, actual.Image):F2}");
        // As a whole: the same brightness and the same sharpness (the model learned both).
        using var expectedGrey = Grey(expected.Image);
        using var actualGrey = Grey(actual.Image);
        Assert.Equal(Cv2.Mean(expectedGrey).Val0, Cv2.Mean(actualGrey).Val0, 2.0);
        var sharpness = Sharpness(actual.Image) / Sharpness(expected.Image);
        Assert.InRange(sharpness, 0.8, 1.25);
    }

    [Fact]
    public void The_sensor_noise_changes_every_frame_and_repeats_for_the_same_frame_in_any_renderer()
    {
        var scene = SampleVideos.All[0].Run.SceneAt(4);
        using var live = new LiveSceneRenderer(new RenderSettings { Supersampling = 1 });

        using var other = new LiveSceneRenderer(new RenderSettings { Supersampling = 1 });
        using var next = live.Render(scene with { NoiseSeed = 2 });
        using var first = live.Render(scene with { NoiseSeed = 1 });
        using var again = live.Render(scene with { NoiseSeed = 1 });
        using var elsewhere = other.Render(scene with { NoiseSeed = 1 });

        Assert.Equal(0.0, MeanDifference(first.Image, again.Image));
        Assert.Equal(0.0, MeanDifference(first.Image, elsewhere.Image)); // another renderer, another history: same frame
        Assert.InRange(MeanDifference(first.Image, next.Image), 0.3, 4.0);
    }

    [Fact]
    public void The_room_traced_every_eighth_pixel_matches_the_room_traced_at_every_pixel_all_the_way_round()
    {
        var run = SampleVideos.All[0].Run;
        var style = SceneStyles.Get(run.Room.Style);
        using var room = RoomTexture.Paint(run.Room, style);
        using var coarse = new LiveRoomProjection();
        using var exact = new Mat(480, 640, MatType.CV_8UC3);
        using var fast = new Mat(480, 640, MatType.CV_8UC3);
        // Eight headings cover every wall and corner, the strip's seam included.
        for (var k = 0; k < 8; k++)
        {
            var camera = new PinholeCamera(CameraPose.OnTrain(new Vec2(0.1, 0.2), k * Math.PI / 4, 0.052, -0.01, 0.003), 640, 480, 60);
            room.Project(camera, exact);
            coarse.Project(room, camera, fast);
            Assert.True(MeanDifference(exact, fast) < 1.5, $"heading {k * 45} degrees: mean difference {MeanDifference(exact, fast):F2}");
        }
    }

    [Fact]
    public void Effects_the_fast_path_does_not_model_go_through_the_full_pipeline()
    {
        var scene = SampleVideos.All[0].Run.SceneAt(4);
        var compressed = scene with { Effects = scene.Effects with { JpegQuality = 40, Sharpen = 0.5 } };
        Assert.False(LiveCameraEffects.Supports(compressed.Effects));
        Assert.True(LiveCameraEffects.Supports(scene.Effects));
        using var reference = new SceneRenderer(new RenderSettings { Supersampling = 1 });
        using var live = new LiveSceneRenderer(new RenderSettings { Supersampling = 1 });

        using var expected = reference.Render(compressed);
        using var actual = live.Render(compressed);

        // Same pipeline, same noise: only the room's interpolation differs.
        Assert.True(MeanDifference(expected.Image, actual.Image) < 1.0, $"mean difference {MeanDifference(expected.Image, actual.Image):F2}");
    }

    private static bool Labelled(SignObservation s) => DatasetFormat.IsLabelled(s, 0.4, 4);

    private static double MeanDifference(Mat a, Mat b)
    {
        using var difference = new Mat();
        Cv2.Absdiff(a, b, difference);
        var mean = Cv2.Mean(difference);
        return (mean.Val0 + mean.Val1 + mean.Val2) / 3;
    }

    private static Mat Grey(Mat image)
    {
        var grey = new Mat();
        Cv2.CvtColor(image, grey, ColorConversionCodes.BGR2GRAY);
        return grey;
    }

    private static double Sharpness(Mat image)
    {
        using var grey = Grey(image);
        using var laplacian = new Mat();
        Cv2.Laplacian(grey, laplacian, MatType.CV_64F);
        Cv2.MeanStdDev(laplacian, out _, out var deviation);
        return deviation.Val0;
    }
}
