using CrazyTrain.Controller.Driving;
using CrazyTrain.Controller.Perception;
using CrazyTrain.Signs;

namespace CrazyTrain.Controller.Tests.Perception;

/// <summary>The gate on its own: frame bookkeeping per camera stays bounded and keeps judging the live camera.</summary>
public class PerceptionGateTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_flood_of_camera_keys_is_capped_and_the_live_camera_keeps_its_frame_order()
    {
        var gate = new PerceptionGate(new DrivingOptions());
        var now = Start;
        for (var i = 0; i < 500; i++)
        {
            now += TimeSpan.FromMilliseconds(10);
            Assert.True(gate.TryAdmit(new DetectionFrame(i, now, [], "camera"), now, out _));
            Assert.True(gate.TryAdmit(new DetectionFrame(1, now, [], $"stranger-{i}"), now, out _));
        }

        Assert.Equal(CameraLedger.MaxCameras, gate.CamerasRemembered);
        Assert.False(gate.TryAdmit(new DetectionFrame(499, now, [], "camera"), now, out _));
        Assert.False(gate.TryAdmit(new DetectionFrame(3, now - TimeSpan.FromSeconds(1), [], "camera"), now, out _));
        Assert.Equal((1, 1), (gate.Counters.DuplicateFrames, gate.Counters.OutOfOrderFrames));
    }

    [Fact]
    public void A_camera_is_remembered_for_a_minute_of_silence_and_then_forgotten()
    {
        var gate = new PerceptionGate(new DrivingOptions());
        Assert.True(gate.TryAdmit(new DetectionFrame(10, Start, [], "rear"), Start, out _));

        var withinAMinute = Start + CameraLedger.ForgetAfter;
        Assert.True(gate.TryAdmit(new DetectionFrame(1, withinAMinute, [], "front"), withinAMinute, out _));
        Assert.False(gate.TryAdmit(new DetectionFrame(10, Start, [], "rear"), withinAMinute, out _));
        Assert.Equal(2, gate.CamerasRemembered);

        var later = withinAMinute + TimeSpan.FromSeconds(1);
        Assert.True(gate.TryAdmit(new DetectionFrame(2, later, [], "front"), later, out _));
        Assert.Equal(1, gate.CamerasRemembered);
    }

    [Fact]
    public void A_forgotten_camera_loses_its_half_seen_sign_too()
    {
        var gate = new PerceptionGate(new DrivingOptions { ConfirmFrames = 3, WindowFrames = 5 });
        var stop = new SignSighting(SignCatalogue.Stop.Label, 0.9);
        var now = Start;
        for (var i = 0; i < 2; i++)
        {
            now += TimeSpan.FromMilliseconds(100);
            gate.TryAdmit(new DetectionFrame(i, now, [stop], "camera"), now, out _);
        }

        // Enough other cameras at once to push "camera" out of the ledger: its two sightings go with it.
        for (var i = 0; i < CameraLedger.MaxCameras; i++)
        {
            now += TimeSpan.FromMilliseconds(1);
            gate.TryAdmit(new DetectionFrame(0, now, [], $"other-{i}"), now, out _);
        }

        now += TimeSpan.FromMilliseconds(100);
        Assert.True(gate.TryAdmit(new DetectionFrame(2, now, [stop], "camera"), now, out var confirmed));
        Assert.Empty(confirmed);
    }
}
