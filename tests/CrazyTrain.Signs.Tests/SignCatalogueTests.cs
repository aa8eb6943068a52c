using CrazyTrain.Controller.Driving;
using CrazyTrain.Simulation.Signs;

namespace CrazyTrain.Signs.Tests;

/// <summary>The model's labels, the renderer's targets and the policy's rules all come from the one catalogue.</summary>
public class SignCatalogueTests
{
    [Fact]
    public void The_shipped_model_labels_its_classes_exactly_as_the_catalogue_in_class_index_order()
    {
        Assert.Equal(SignCatalogue.Labels, ShippedModel.Labels());
        Assert.Equal(Enumerable.Range(0, SignCatalogue.Classes.Count), SignCatalogue.Classes.Select(c => c.ClassIndex));
    }

    [Fact]
    public void The_renderer_draws_every_catalogue_class_as_a_target_with_its_label_and_class_index()
    {
        Assert.Equal(SignCatalogue.Classes, SignKinds.Targets.Select(k => SignKinds.Class(k)));
        Assert.All(SignCatalogue.Classes, c =>
        {
            var kind = SignKinds.KindOf(c);
            Assert.Equal(c.Label, SignKinds.Label(kind));
            Assert.Equal(c.ClassIndex, SignKinds.ClassIndex(kind));
        });
        Assert.All(SignKinds.Distractors, k => Assert.Null(SignKinds.Class(k)));
    }

    [Theory]
    [MemberData(nameof(EveryClass))]
    public void The_policy_acts_on_every_catalogue_class_by_its_rule(string label)
    {
        var sign = SignCatalogue.Find(label)!;
        var clock = new SteppingClock();
        var options = new DrivingOptions();
        var policy = new DrivingPolicy(options, clock);
        // Perception counts as fresh after two frames within a second (DrivingOptions.MinFramesPerSecond).
        policy.OnFrame(new DetectionFrame(0, clock.Step(), []));
        policy.OnFrame(new DetectionFrame(1, clock.Step(), []));
        Assert.True(policy.Start().Accepted);

        var orders = Enumerable.Range(2, options.ConfirmFrames)
            .SelectMany(i => policy.OnFrame(new DetectionFrame(i, clock.Step(), [new SignSighting(label, 0.9)])))
            .ToList();

        var order = Assert.Single(orders);
        Assert.Equal(label, order.Reason?.Label);
        var expected = sign.Rule switch
        {
            SignRule.Halt => (OrderAction.Halt, 0),
            SignRule.Stop => (OrderAction.Stop, 0),
            SignRule.Danger => (OrderAction.Danger, 0),
            SignRule.SpeedCap => (OrderAction.Limit, Math.Min(options.CruisePower, options.CapPower(sign))),
            _ => throw new InvalidOperationException($"No expectation for {sign.Rule}."),
        };
        Assert.Equal(expected, (order.Action, order.Power));
    }

    [Fact]
    public void The_catalogue_caps_are_the_policy_defaults_and_the_most_restrictive_sign_goes_first()
    {
        var options = new DrivingOptions();
        Assert.All(SignCatalogue.Classes.Where(c => c.Rule == SignRule.SpeedCap), c => Assert.Equal(c.CapPower, options.CapPower(c)));
        Assert.Equal(["no_entry", "stop", "danger", "speed_limit_30", "speed_limit_50"], SignCatalogue.ByPriority.Select(c => c.Label));
        Assert.Null(SignCatalogue.Find("giraffe"));
    }

    [Fact]
    public void A_sign_class_refuses_a_rule_without_its_power_or_a_power_without_a_cap()
    {
        Assert.Contains("needs its power", Assert.Throws<ArgumentException>(() => new SignClass("speed_limit_70", 5, SignRule.SpeedCap)).Message);
        Assert.Throws<ArgumentException>(() => new SignClass("stop_here", 5, SignRule.Stop, capPower: 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SignClass("speed_limit_0", 5, SignRule.SpeedCap, capPower: 0));
    }

    [Fact]
    public void A_catalogue_out_of_class_order_or_with_a_label_twice_is_refused()
    {
        var misplaced = Assert.Throws<InvalidOperationException>(() => SignCatalogue.Validated([SignCatalogue.NoEntry, SignCatalogue.Stop]));
        Assert.Contains("'no_entry' has class index 1 but stands at position 0", misplaced.Message);
        var twice = Assert.Throws<InvalidOperationException>(() => SignCatalogue.Validated([SignCatalogue.Stop, new SignClass("stop", 1, SignRule.Halt)]));
        Assert.Contains("'stop' appears twice", twice.Message);
    }

    public static TheoryData<string> EveryClass() => new(SignCatalogue.Labels);

    /// <summary>A clock that moves one camera frame (100 ms) each time it is asked to.</summary>
    private sealed class SteppingClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public DateTimeOffset Step() => _now += TimeSpan.FromMilliseconds(100);
    }
}
