using CrazyTrain.Signs;
using CrazyTrain.Simulation.Scenes;
using CrazyTrain.Simulation.Signs;

namespace CrazyTrain.Simulation.Tests;

public class StyleAndLabelTests
{
    [Fact]
    public void Labels_are_the_model_contract_in_class_order()
    {
        Assert.Equal(["stop", "no_entry", "speed_limit_30", "speed_limit_50", "danger"], SignCatalogue.Labels);
        Assert.Equal(SignCatalogue.Labels.Count, SignKinds.Targets.Count);
        for (var i = 0; i < SignKinds.Targets.Count; i++)
        {
            Assert.Equal(i, SignKinds.ClassIndex(SignKinds.Targets[i]));
            Assert.Equal(SignCatalogue.Labels[i], SignKinds.Label(SignKinds.Targets[i]));
            Assert.Equal(SignCatalogue.Labels[i], SignKinds.Name(SignKinds.Targets[i]));
        }

        Assert.All(SignKinds.Distractors, k => Assert.Null(SignKinds.Label(k)));
        Assert.All(SignKinds.Distractors, k => Assert.DoesNotContain(SignKinds.Name(k), SignCatalogue.Labels));
        Assert.Equal(7, SignKinds.Distractors.Count);
    }

    [Fact]
    public void The_scene_generator_draws_every_target_and_nothing_else_as_a_target()
    {
        Assert.Equal(SignKinds.Targets.Order(), SceneGenerator.TargetShares.Select(s => s.Kind).Order());
        Assert.All(SceneGenerator.TargetShares, s => Assert.True(s.Share > 0, $"{s.Kind} is never drawn"));
    }

    [Fact]
    public void Held_out_and_real_like_styles_are_disjoint_from_training_styles()
    {
        Assert.NotEmpty(SceneStyles.HeldOutNames);
        Assert.NotEmpty(SceneStyles.TrainingNames);
        Assert.Equal(["train-webcam", "phone-track"], SceneStyles.RealLikeNames);
        Assert.Empty(SceneStyles.HeldOutNames.Intersect(SceneStyles.TrainingNames));
        Assert.Empty(SceneStyles.RealLikeNames.Intersect(SceneStyles.TrainingNames));
        Assert.Empty(SceneStyles.RealLikeNames.Intersect(SceneStyles.HeldOutNames));
        Assert.Equal(SceneStyles.Names.Count, SceneStyles.Names.Distinct().Count());
        Assert.Equal(SceneStyles.Names.Count, SceneStyles.HeldOutNames.Count + SceneStyles.TrainingNames.Count + SceneStyles.RealLikeNames.Count);
    }

    [Fact]
    public void Generated_track_scenes_follow_the_real_size_mix()
    {
        // The real photos: most signs 10-60 px wide, median ~27 px.
        var widths = new List<double>();
        using var renderer = new Rendering.SceneRenderer();
        for (ulong seed = 0; seed < 24; seed++)
        {
            var scene = SceneGenerator.Create(SceneStyles.OfficeFluorescent with { CloseUpChance = 0 }, seed);
            using var frame = renderer.Render(scene with { Effects = CameraEffects.None });
            widths.AddRange(frame.Signs.Where(s => s.Visibility > 0.9).Select(s => s.Box.Height));
        }

        widths.Sort();
        Assert.True(widths.Count >= 20, $"only {widths.Count} signs");
        var median = widths[widths.Count / 2];
        Assert.InRange(median, 15, 45);
    }
}
