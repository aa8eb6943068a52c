using System.Text.Json;
using CrazyTrain.Simulation.Rendering;
using CrazyTrain.Simulation.Signs;
using CrazyTrain.Twin.Camera;
using CrazyTrain.Twin.Episodes;
using CrazyTrain.Twin.Track;
using CrazyTrain.Twin.Train;
using CrazyTrain.Twin.World;

namespace CrazyTrain.Twin.Tests.Episodes;

public sealed class EpisodePlanTests
{
    private static readonly int[] Seeds = [.. Enumerable.Range(0, 40)];

    [Fact]
    public void Every_half_of_every_family_closes_both_ways_round_with_room_between_its_tracks()
    {
        foreach (var (family, half) in LayoutFamilies.AllHalves())
        {
            foreach (var loop in new[] { $"{half} {half}", LayoutFamilies.Mirror($"{half} {half}") })
            {
                var layout = TrackLoop.Parse(loop);
                Assert.True(LayoutFamilies.HasClearance(layout), $"{family} '{loop}' brings two tracks within {LayoutFamilies.ClearanceCm} cm");
                Assert.InRange(layout.LengthCm, 250, 460);
            }
        }
    }

    [Fact]
    public void A_loop_that_crosses_itself_has_no_clearance()
    {
        // Each half bends 135 degrees in and back out again: it closes, but its two sides run into each other.
        var crossing = TrackLoop.Parse("8L 6L 6R 8L 6L 6R");
        Assert.False(LayoutFamilies.HasClearance(crossing));
        Assert.True(LayoutFamilies.HasClearance(TrackLoop.Parse("8L 4S 8L 4S")));
    }

    [Fact]
    public void The_same_seed_gives_the_same_episode_and_other_seeds_give_others()
    {
        var first = JsonSerializer.Serialize(EpisodePlan.FromSeed(7));
        var again = JsonSerializer.Serialize(EpisodePlan.FromSeed(7));
        Assert.Equal(first, again);

        var plans = Seeds.Select(seed => EpisodePlan.FromSeed(seed)).ToList();
        Assert.True(plans.Select(p => p.Layout).Distinct().Count() >= 10, "layouts hardly change with the seed");
        Assert.Equal(LayoutFamilies.Names.Order(), plans.Select(p => p.Family).Distinct().Order());
        Assert.Contains(plans, p => p.Clockwise);
        Assert.Contains(plans, p => !p.Clockwise);
        Assert.True(plans.Select(p => p.Style).Distinct().Count() >= 4, "rooms hardly change with the seed");
        Assert.True(plans.Select(p => p.TopSpeedCmPerS).Distinct().Count() >= 10, "the train's speed hardly changes with the seed");
        foreach (var kind in SignKinds.Targets)
        {
            Assert.Contains(plans, p => p.Signs.Any(s => s.Sign.Kind == kind));
        }
    }

    [Fact]
    public void Every_target_sign_is_seen_early_enough_to_stop_and_one_at_a_time()
    {
        foreach (var seed in Seeds)
        {
            var plan = EpisodePlan.FromSeed(seed);
            var lineside = plan.BuildLineside();
            var layout = lineside.Layout;
            var required = SignPlanner.RequiredSightCm(plan.Motor(new MotorModel()));
            var sight = new SignSight(layout);
            var targets = plan.Signs.Where(s => s.Sign.IsTarget).ToList();
            Assert.Contains(targets, s => s.Sign.Kind == SignKind.Stop);
            Assert.Contains(plan.Style, EpisodePlan.Styles);
            Assert.All(targets.SkipLast(1), s => Assert.NotEqual(SignKind.NoEntry, s.Sign.Kind));

            // In the order the train meets them from its start: each sight line starts after the previous sign.
            var ahead = targets.Select(s => (Sign: s, AheadCm: Ahead(layout, plan.StartCm, s.Sign.PositionCm))).OrderBy(t => t.AheadCm).ToList();
            var sightFrom = SignPlanner.StartRunCm;
            foreach (var (sign, aheadCm) in ahead)
            {
                Assert.True(sign.SightCm >= required, $"seed {seed}: the {sign.Sign.Label} sign is seen from {sign.SightCm} cm, needs {required:F1}");
                Assert.Equal(sign.SightCm, sight.SightCm(sign.Sign));
                Assert.True(sight.WidthPx(sign.Sign, required) >= TwinWorld.VisibleWidthPx);
                Assert.True(aheadCm - sign.SightCm >= sightFrom - 0.2, $"seed {seed}: the {sign.Sign.Label} sign's sight line overlaps the one before");
                Assert.True(aheadCm <= layout.LengthCm - SignPlanner.LapEndMarginCm + 0.2, $"seed {seed}: the {sign.Sign.Label} sign is met too late in the lap");
                sightFrom = aheadCm + SignPlanner.GapCm;
            }

            foreach (var distractor in plan.Signs.Where(s => !s.Sign.IsTarget))
            {
                Assert.All(targets, t => Assert.True(
                    Math.Min(Ahead(layout, t.Sign.PositionCm, distractor.Sign.PositionCm), Ahead(layout, distractor.Sign.PositionCm, t.Sign.PositionCm)) >= SignPlanner.DistractorClearanceCm - 0.2,
                    $"seed {seed}: a {distractor.Sign.Label} stands next to the {t.Sign.Label} sign"));
            }
        }
    }

    [Fact]
    public void Negative_seeds_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EpisodePlan.FromSeed(-1));
    }

    [Theory]
    [InlineData(45.0)]
    [InlineData(25.0)]
    public void The_sight_geometry_measures_the_sign_as_the_renderer_draws_it(double aheadCm)
    {
        var lineside = new Lineside(TrackLoop.Parse("8L 6S 8L 6S"), [new LinesideSign(SignKind.Stop, 180)]);
        var expected = new SignSight(lineside.Layout).WidthPx(lineside.Signs[0], aheadCm);

        var scene = new TwinScene(lineside, new CameraOptions()).At(180 - aheadCm, frame: 1);
        using var renderer = new SceneRenderer(new RenderSettings { Supersampling = 1 });
        using var frame = renderer.Render(scene);

        var drawn = Assert.Single(frame.Signs, s => s.IsTarget);
        // The renderer's camera vibrates a little and its box covers whole pixels: within 15 %.
        Assert.InRange(drawn.Box.Width, expected * 0.85, (expected * 1.15) + 1);
    }

    private static double Ahead(TrackLoop layout, double fromCm, double toCm) => layout.Wrap(toCm - fromCm);
}
