using System.ComponentModel.DataAnnotations;
using System.Text;
using CrazyTrain.Controller.Detections;
using CrazyTrain.Controller.Driving;
using CrazyTrain.Signs;

namespace CrazyTrain.Controller.Tests.Driving;

/// <summary>
/// The near-sign gate: only signs near enough to matter count towards K of N, act, or latch. The rig confirms 3 of 5
/// frames; widths are box pixels of a 640 px-wide frame, where the default gate is 10 px.
/// </summary>
public class NearSignGateTests
{
    private const double FrameWidth = 640;

    private static SignSighting Sign(SignClass sign, double widthPx, double frameWidth = FrameWidth) =>
        new(sign.Label, 0.9, widthPx / frameWidth);

    [Fact]
    public void A_far_stop_sign_confirmed_in_many_frames_never_stops_the_train()
    {
        var rig = new PolicyRig().Started();

        var orders = rig.FramesWith(60, Sign(SignCatalogue.Stop, 8));

        Assert.Empty(orders);
        Assert.Equal(DrivingState.Cruising, rig.Snapshot.State);
        Assert.Equal(60, rig.Snapshot.Counters.FarSightings);
    }

    [Fact]
    public void The_same_stop_sign_growing_to_12_px_stops_the_train_on_its_third_near_frame()
    {
        var rig = new PolicyRig().Started();
        var orders = new List<DrivingOrder>();
        long thirdNearFrame = 0;
        var nearFrames = 0;

        foreach (var width in new[] { 6.0, 7, 7.5, 8, 8.5, 9, 9.5, 10, 10.5, 11, 11.5, 12, 12, 12 })
        {
            orders.AddRange(rig.FrameWith(Sign(SignCatalogue.Stop, width)));
            if (width >= 10 && ++nearFrames == 3)
            {
                thirdNearFrame = rig.NextFrameId - 1;
            }
        }

        var stop = Assert.Single(orders);
        Assert.Equal(OrderAction.Stop, stop.Action);
        Assert.Equal(thirdNearFrame, stop.Reason!.FrameId);
        Assert.Equal(7, rig.Snapshot.Counters.FarSightings);
        Assert.Equal(MotorSetpoint.Brake, rig.Policy.MotorSetpoint);
    }

    [Fact]
    public void A_far_misreading_before_the_real_near_stop_sign_does_not_block_it()
    {
        var rig = new PolicyRig().Started();

        // A distractor read as STOP across the room for a second, then the real sign, near, a moment later.
        var far = rig.FramesWith(10, Sign(SignCatalogue.Stop, 7));
        rig.Frames(3);
        var near = rig.FramesWith(3, Sign(SignCatalogue.Stop, 14));

        Assert.Empty(far);
        Assert.Equal(OrderAction.Stop, Assert.Single(near).Action);
    }

    [Fact]
    public void A_far_sighting_between_near_ones_does_not_count_towards_k_of_n()
    {
        var rig = new PolicyRig().Started();

        var orders = new List<DrivingOrder>();
        orders.AddRange(rig.FrameWith(Sign(SignCatalogue.Stop, 12)));
        orders.AddRange(rig.FrameWith(Sign(SignCatalogue.Stop, 9)));
        orders.AddRange(rig.FrameWith(Sign(SignCatalogue.Stop, 12)));
        orders.AddRange(rig.FrameWith(Sign(SignCatalogue.Stop, 9)));
        orders.AddRange(rig.FrameWith(Sign(SignCatalogue.Stop, 9)));

        Assert.Empty(orders);
    }

    [Theory]
    [InlineData("danger")]
    [InlineData("speed_limit_30")]
    [InlineData("no_entry")]
    public void Every_sign_kind_far_away_does_nothing_and_acts_once_near(string label)
    {
        var sign = SignCatalogue.Find(label)!;
        var rig = new PolicyRig().Started();

        var far = rig.FramesWith(20, Sign(sign, 9.9));
        var near = rig.FramesWith(3, Sign(sign, 10));

        Assert.Empty(far);
        Assert.Equal(label, Assert.Single(near).Reason!.Label);
    }

    [Fact]
    public void The_gate_is_a_share_of_the_frame_width_so_a_wider_frame_needs_a_wider_box()
    {
        var rig = new PolicyRig().Started();

        var fifteenOf1280 = rig.FramesWith(10, Sign(SignCatalogue.Stop, 15, 1280));
        var twentyOf1280 = rig.FramesWith(3, Sign(SignCatalogue.Stop, 20, 1280));

        Assert.Empty(fifteenOf1280);
        Assert.Equal(OrderAction.Stop, Assert.Single(twentyOf1280).Action);
    }

    [Fact]
    public void A_detection_without_a_box_counts_as_near_and_acts()
    {
        var rig = new PolicyRig().Started();
        var orders = new List<DrivingOrder>();

        for (var i = 0; i < 3; i++)
        {
            rig.Time.Advance(PolicyRig.FrameInterval);
            var json = $$"""{"frameId": {{rig.NextFrameId++}}, "capturedAt": "{{rig.Time.GetUtcNow():O}}", "width": 640, "detections": [{"label": "stop", "confidence": 0.9}]}""";
            Assert.True(DetectionParser.TryParse(Encoding.UTF8.GetBytes(json), out var frame, out var error), error);
            orders.AddRange(rig.Policy.OnFrame(frame));
        }

        Assert.Equal(OrderAction.Stop, Assert.Single(orders).Action);
        Assert.Equal(0, rig.Snapshot.Counters.FarSightings);
    }

    [Fact]
    public void Zero_turns_the_gate_off()
    {
        var rig = new PolicyRig(o => o.MinSignWidthFraction = 0).Started();

        var orders = rig.FramesWith(3, Sign(SignCatalogue.Stop, 1));

        Assert.Equal(OrderAction.Stop, Assert.Single(orders).Action);
    }

    [Fact]
    public void The_default_gate_is_10_px_of_a_640_px_frame()
    {
        Assert.Equal(10.0 / 640, new DrivingOptions().MinSignWidthFraction);
    }

    [Theory]
    [InlineData(-0.001)]
    [InlineData(0.041)]
    [InlineData(0.5)]
    public void Options_refuse_a_gate_below_zero_or_wider_than_a_stop_sign_needs_to_stop_in_time(double fraction)
    {
        var options = new DrivingOptions { MinSignWidthFraction = fraction };
        var results = new List<ValidationResult>();

        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));
        Assert.Contains("MinSignWidthFraction must lie between 0 and 0.04", Assert.Single(results).ErrorMessage);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(0.04)]
    public void Options_accept_a_gate_from_off_to_the_widest_allowed(double fraction)
    {
        var options = new DrivingOptions { MinSignWidthFraction = fraction };

        Assert.True(Validator.TryValidateObject(options, new ValidationContext(options), [], validateAllProperties: true));
    }
}
