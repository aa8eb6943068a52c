using System.Text.Json.Nodes;
using CrazyTrain.Twin.Episodes.Command;

namespace CrazyTrain.Twin.Tests.Episodes;

/// <summary>A sign the train passed without obeying says what of it reached the controller on the approach.</summary>
public sealed class MissedSignSightingsTests
{
    private static readonly DateTimeOffset PassedAt = new(2026, 12, 6, 1, 0, 30, TimeSpan.Zero);

    [Fact]
    public void Only_target_signs_passed_without_obeying_them_are_missed()
    {
        var signs = new JsonArray(
            Sign("stop", stoppedBefore: false),
            Sign("stop", stoppedBefore: true),
            new JsonObject { ["label"] = "speed_limit_30", ["passedAt"] = PassedAt, ["speedObeyed"] = false },
            new JsonObject { ["label"] = "danger", ["passedAt"] = PassedAt, ["slowed"] = true },
            new JsonObject { ["label"] = "stop", ["passedAt"] = null, ["stoppedBeforeSign"] = null },
            new JsonObject { ["label"] = "parking", ["passedAt"] = PassedAt });

        Assert.Equal(["stop", "speed_limit_30"], MissedSignSightings.Missed(signs).Select(s => s["label"]!.GetValue<string>()));
    }

    [Fact]
    public void The_approach_counts_the_signs_own_label_by_verdict_within_ten_seconds_before_it_was_passed()
    {
        var sign = Sign("stop", stoppedBefore: false);
        var sightings = new JsonArray(
            Sighting(1, -12, "stop", "far", 0.5, 0.01), // before the approach
            Sighting(2, -8, "stop", "far", 0.6, 0.012),
            Sighting(3, -3, "stop", "latched", 0.88, 0.03),
            Sighting(3, -3, "stop", "latched", 0.41, 0.02), // a second box in the same frame
            Sighting(4, -2.9, "stop", "latched", 0.7, 0.035),
            Sighting(5, -2, "danger", "confirmed", 0.9, 0.03), // another label
            Sighting(6, 1, "stop", "latched", 0.9, 0.08)); // after it was passed

        MissedSignSightings.Attach(sign, sightings);

        var summary = sign["controllerSightings"]!.AsObject();
        Assert.Equal(3, summary["frames"]!.GetValue<int>());
        Assert.Equal(1, summary["far"]!.GetValue<int>());
        Assert.Equal(3, summary["latched"]!.GetValue<int>());
        Assert.Null(summary["confirmed"]);
        Assert.Equal(0.88, summary["bestConfidence"]!.GetValue<double>());
        Assert.Equal(0.035, summary["widestOfFrame"]!.GetValue<double>());
        Assert.Equal("3 frames: 1 far, 3 latched, best 0.88", MissedSignSightings.Describe(summary));
    }

    [Fact]
    public void A_sign_nothing_reached_the_controller_of_says_so()
    {
        var sign = Sign("stop", stoppedBefore: false);

        MissedSignSightings.Attach(sign, new JsonArray(Sighting(1, -1, "danger", "counted", 0.5, 0.02)));

        var summary = sign["controllerSightings"]!.AsObject();
        Assert.Equal(0, summary["frames"]!.GetValue<int>());
        Assert.Equal("no sighting of it reached the controller", MissedSignSightings.Describe(summary));
    }

    private static JsonObject Sign(string label, bool stoppedBefore) =>
        new() { ["label"] = label, ["positionCm"] = 120.0, ["passedAt"] = PassedAt, ["stoppedBeforeSign"] = stoppedBefore };

    private static JsonObject Sighting(long frame, double secondsFromPassing, string label, string verdict, double confidence, double widthFraction) => new()
    {
        ["frameId"] = frame,
        ["capturedAt"] = PassedAt.AddSeconds(secondsFromPassing),
        ["camera"] = "camera",
        ["label"] = label,
        ["confidence"] = confidence,
        ["widthFraction"] = widthFraction,
        ["verdict"] = verdict,
    };
}
