using CrazyTrain.Simulation.Rendering;
using CrazyTrain.Simulation.Scenes;
using CrazyTrain.Simulation.Signs;
using OpenCvSharp;

namespace CrazyTrain.Simulation.Tests;

/// <summary>The near-camera cloth and the train's own nose: hard negatives that must never change a target's label.</summary>
public class NearElementTests
{
    private static readonly NearCloth WideCloth = new(Left: true, Width: 0.35, Bottom: 1.0, Slant: 0.02, Blur: 0.015, PatternScale: 0.12, Brightness: 0.9, PatternSeed: 7);
    private static readonly TrainNose TallNose = new(Centre: 0.45, Width: 0.6, Height: 0.18, Colour: 0, GreyBricks: true, Buffer: true, Blur: 0.004);

    [Fact]
    public void Near_elements_come_from_the_scene_seed()
    {
        var drawn = 0;
        for (ulong seed = 0; seed < 60; seed++)
        {
            var a = SceneGenerator.Create(SceneStyles.TrainWebcam, seed);
            var b = SceneGenerator.Create(SceneStyles.TrainWebcam, seed);
            Assert.Equal(a.NearCloth, b.NearCloth);
            Assert.Equal(a.TrainNose, b.TrainNose);
            if (a.NearCloth is not null || a.TrainNose is not null) drawn++;
        }

        Assert.True(drawn > 20, $"only {drawn} of 60 scenes have a near element");
        var scene = TestScenes.Plain() with { NearCloth = WideCloth, TrainNose = TallNose };
        using var r1 = new SceneRenderer();
        using var r2 = new SceneRenderer();
        using var x = r1.Render(scene);
        using var y = r2.Render(scene);
        Cv2.ImEncode(".png", x.Image, out var px);
        Cv2.ImEncode(".png", y.Image, out var py);
        Assert.Equal(px, py);
    }

    [Fact]
    public void Adding_near_elements_leaves_every_other_choice_of_a_seed_as_it_was()
    {
        for (ulong seed = 0; seed < 30; seed++)
        {
            var with = SceneGenerator.Create(SceneStyles.KidsRoom, seed);
            var without = SceneGenerator.Create(SceneStyles.KidsRoom with { NearCloth = 0, TrainNose = 0 }, seed);
            Assert.Null(without.NearCloth);
            Assert.Equal(without.Signs, with.Signs);
            Assert.Equal(without.NoiseSeed, with.NoiseSeed);
            Assert.Equal(without.Camera, with.Camera);
        }
    }

    [Theory]
    [InlineData("living-room-daylight")]
    [InlineData("workshop-dim")]
    [InlineData("train-webcam")]
    public void Near_elements_appear_at_the_style_rate(string name)
    {
        var style = SceneStyles.Get(name) with { CloseUpChance = 0 };
        const int n = 1500;
        int cloth = 0, nose = 0;
        for (ulong seed = 0; seed < n; seed++)
        {
            var scene = SceneGenerator.Create(style, seed * 7919 + 13);
            if (scene.NearCloth is { } c)
            {
                cloth++;
                Assert.InRange(c.Width, 0.10, 0.35);
                Assert.True(c.Bottom is 1.0 or (>= 0.55 and <= 0.8), $"hem at {c.Bottom}");
            }

            if (scene.TrainNose is { } t)
            {
                nose++;
                Assert.InRange(t.Height, 0.05, 0.2);
            }
        }

        // Binomial sd at n = 1500 is at most 0.013: 0.045 is over three of them.
        Assert.InRange(cloth / (double)n, style.NearCloth - 0.045, style.NearCloth + 0.045);
        Assert.InRange(nose / (double)n, style.TrainNose - 0.045, style.TrainNose + 0.045);
        Assert.True(style.NearCloth > 0 && style.TrainNose > 0);
    }

    [Fact]
    public void Close_up_and_plain_styles_never_show_near_elements()
    {
        foreach (var style in new[] { SceneStyles.CloseUpPlain, SceneStyles.CloseUpCloth })
        {
            Assert.Equal(0, style.NearCloth);
            Assert.Equal(0, style.TrainNose);
        }

        // A close-up frame of a room style is a plain backdrop too: nothing near the lens.
        var closeUps = SceneStyles.LivingRoomDaylight with { CloseUpChance = 1 };
        for (ulong seed = 0; seed < 200; seed++)
        {
            var scene = SceneGenerator.Create(closeUps, seed);
            Assert.Null(scene.NearCloth);
            Assert.Null(scene.TrainNose);
        }

        Assert.True(SceneStyles.TrainWebcam.NearCloth > SceneStyles.LivingRoomDaylight.NearCloth);
        Assert.True(SceneStyles.TrainWebcam.TrainNose > SceneStyles.LivingRoomDaylight.TrainNose);
    }

    [Fact]
    public void Target_labels_are_exactly_the_same_with_and_without_near_elements()
    {
        using var renderer = new SceneRenderer();
        int checkedScenes = 0, painted = 0, targets = 0;
        for (ulong seed = 0; checkedScenes < 10 && seed < 200; seed++)
        {
            var scene = SceneGenerator.Create(SceneStyles.TrainWebcam, seed) with { Effects = CameraEffects.None };
            if (scene.NearCloth is null && scene.TrainNose is null) continue;
            checkedScenes++;
            using var with = renderer.Render(scene);
            using var without = renderer.Render(scene with { NearCloth = null, TrainNose = null });
            var a = with.Signs.Where(s => s.IsTarget).ToList();
            var b = without.Signs.Where(s => s.IsTarget).ToList();
            Assert.Equal(b, a);
            targets += a.Count;
            if (Differs(with.Image, without.Image)) painted++;
        }

        Assert.Equal(10, checkedScenes);
        Assert.True(targets >= 10, $"only {targets} targets checked");
        Assert.True(painted >= 7, $"near elements painted in only {painted} of 10 scenes");
    }

    [Fact]
    public void Cloth_and_nose_keep_clear_of_a_target_on_their_side_but_hide_a_distractor_like_any_occluder()
    {
        using var renderer = new SceneRenderer();
        var target = TestScenes.Plate(SignKind.Danger, 0.25, lateral: -0.07);
        var distractor = TestScenes.Plate(SignKind.Parking, 0.25, lateral: 0.07);
        var bare = TestScenes.Plain(target, distractor);
        using var reference = renderer.Render(bare);
        var targetBox = reference.Signs.Single(s => s.SignIndex == 0);
        var distractorBox = reference.Signs.Single(s => s.SignIndex == 1);
        var targetOnLeft = targetBox.Box.X + (targetBox.Box.Width / 2) < reference.Image.Cols / 2.0;
        Assert.NotEqual(targetOnLeft, distractorBox.Box.X + (distractorBox.Box.Width / 2) < reference.Image.Cols / 2.0);

        // A wide cloth on the target's side and a tall nose right under it: the target keeps its exact label.
        var cloth = WideCloth with { Left = targetOnLeft, Width = 0.45 };
        var nose = TallNose with { Centre = (targetBox.Box.X + (targetBox.Box.Width / 2)) / reference.Image.Cols, Height = 0.6 };
        using var covered = renderer.Render(bare with { NearCloth = cloth, TrainNose = nose });
        Assert.Equal(targetBox, covered.Signs.Single(s => s.SignIndex == 0));
        Assert.True(Differs(covered.Image, reference.Image, targetOnLeft ? 0 : reference.Image.Cols - 1), "the cloth was not painted on the target's side");

        // The same cloth on the distractor's side covers it, and its visibility drops as behind a brick.
        using var hidden = renderer.Render(bare with { NearCloth = cloth with { Left = !targetOnLeft, Width = 0.48 } });
        var seen = hidden.Signs.SingleOrDefault(s => s.SignIndex == 1);
        Assert.True(seen is null || seen.Visibility < distractorBox.Visibility - 0.2, $"distractor visibility {seen?.Visibility} under the cloth");
        Assert.Equal(targetBox, hidden.Signs.Single(s => s.SignIndex == 0));
    }

    private static bool Differs(Mat a, Mat b, int? column = null)
    {
        using var diff = new Mat();
        if (column is { } c)
        {
            using var ca = a.Col(c);
            using var cb = b.Col(c);
            Cv2.Absdiff(ca, cb, diff);
        }
        else
        {
            Cv2.Absdiff(a, b, diff);
        }

        var mean = Cv2.Mean(diff);
        return mean.Val0 + mean.Val1 + mean.Val2 > 3;
    }
}
