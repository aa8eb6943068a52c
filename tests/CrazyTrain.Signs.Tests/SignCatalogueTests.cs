using CrazyTrain.Simulation.Signs;

namespace CrazyTrain.Signs.Tests;

/// <summary>The model's labels and the renderer's targets come from the one catalogue.</summary>
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

    [Fact]
    public void The_most_restrictive_sign_goes_first()
    {
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
}
