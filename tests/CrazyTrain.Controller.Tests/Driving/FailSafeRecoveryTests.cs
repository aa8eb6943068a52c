using CrazyTrain.Controller.Driving;
using CrazyTrain.Signs;

namespace CrazyTrain.Controller.Tests.Driving;

/// <summary>
/// How a fail-safe stop happens and ends, on a manual clock: soon enough after the last frame for the motor to stop
/// within issue 17's 1 s, never undone by a trickle of frames, and never at the price of a sign that confirmed while
/// the train stood.
/// </summary>
public class FailSafeRecoveryTests
{
    private static readonly (string, double) Stop = (SignCatalogue.Stop.Label, 0.9);
    private static readonly (string, double) NoEntry = (SignCatalogue.NoEntry.Label, 0.8);

    [Fact]
    public void With_the_default_timeout_a_silent_camera_gets_the_stop_order_with_200_ms_left_of_the_1_s_for_the_hub()
    {
        var defaults = new DrivingOptions();
        var rig = new PolicyRig(o => o.PerceptionTimeout = defaults.PerceptionTimeout).Started();
        var lastCapture = rig.Time.GetUtcNow();

        // The policy ticks every 100 ms (the rig's frame interval, the controller's TickInterval).
        var failSafe = Assert.Single(rig.Silence(TimeSpan.FromSeconds(1)));

        Assert.Equal(OrderAction.FailSafeStop, failSafe.Action);
        Assert.InRange(failSafe.Time - lastCapture, defaults.PerceptionTimeout, TimeSpan.FromSeconds(0.8));
    }

    [Fact]
    public void A_trickle_of_frames_never_brings_a_fail_safe_stopped_train_back_and_frames_in_a_row_do()
    {
        var rig = new PolicyRig(o => { o.MinFramesPerSecond = 2; o.RecoveryFrames = 6; }).Started();
        rig.Silence(TimeSpan.FromSeconds(2));

        // One frame every 0.6 s: fresh by age and by the rate check (two within one second), but more than the
        // 0.5 s the minimum rate allows between two frames, so each starts the recovery count again.
        var trickle = new List<DrivingOrder>();
        for (var i = 0; i < 10; i++)
        {
            trickle.AddRange(rig.Silence(TimeSpan.FromSeconds(0.5)));
            trickle.AddRange(rig.Frame());
        }

        Assert.Empty(trickle);
        Assert.Equal(DrivingState.FailSafeStopped, rig.Snapshot.State);
        Assert.Contains("frames arrived in a row", rig.Policy.Start().Message);

        Assert.Empty(rig.Frames(4));
        var resume = Assert.Single(rig.Frame());
        Assert.Equal(OrderAction.Resume, resume.Action);
        Assert.Equal(DrivingState.Cruising, rig.Snapshot.State);
    }

    [Fact]
    public void A_stop_hold_cut_short_by_a_fail_safe_stop_is_served_again_in_full_before_the_train_moves()
    {
        var rig = new PolicyRig(o => o.RecoveryFrames = 6).Started();
        rig.Frames(3, Stop);
        Assert.Equal(DrivingState.StopHold, rig.Snapshot.State);
        rig.Silence(TimeSpan.FromSeconds(1));
        Assert.Equal(DrivingState.FailSafeStopped, rig.Snapshot.State);

        // The STOP sign is out of view by now: only the interrupted hold remembers it.
        var back = rig.Frames(6);

        var stop = Assert.Single(back);
        Assert.Equal((OrderAction.Stop, 0, SignCatalogue.Stop.Label), (stop.Action, stop.Power, stop.Reason?.Label));
        Assert.Equal(DrivingState.StopHold, rig.Snapshot.State);
        Assert.Equal(OrderAction.Resume, Assert.Single(rig.Frames(31)).Action);
    }

    [Fact]
    public void A_stop_sign_that_confirms_while_fail_safe_stopped_is_obeyed_when_perception_comes_back()
    {
        var rig = new PolicyRig(o => o.RecoveryFrames = 6).Started();
        rig.Silence(TimeSpan.FromSeconds(2));

        // The sign confirms on the third frame (3 of 5) while the train still stands; it latches there and would
        // never confirm again while in view, so the train must not simply resume on the sixth.
        var orders = rig.Frames(6, Stop);

        var stop = Assert.Single(orders);
        Assert.Equal((OrderAction.Stop, 0, SignCatalogue.Stop.Label), (stop.Action, stop.Power, stop.Reason?.Label));
        Assert.Equal(DrivingState.StopHold, rig.Snapshot.State);
        Assert.Equal(MotorSetpoint.Brake, rig.Policy.MotorSetpoint);

        // The hold then ends as at any stop sign.
        var after = rig.Frames(31);
        Assert.Equal(OrderAction.Resume, Assert.Single(after).Action);
    }

    [Fact]
    public void A_no_entry_sign_that_confirms_during_an_emergency_stop_halts_the_train_when_the_operator_resumes()
    {
        var rig = new PolicyRig().Started();
        rig.Policy.EmergencyStop();
        rig.Frames(3, NoEntry);

        var resume = rig.Policy.Resume();

        Assert.True(resume.Accepted);
        Assert.Contains("no_entry", resume.Message);
        Assert.Equal(OrderAction.Halt, Assert.Single(resume.Orders).Action);
        Assert.Equal(DrivingState.Halted, rig.Snapshot.State);
    }

    [Fact]
    public void A_no_entry_sign_seen_again_while_halted_at_it_does_not_halt_the_train_a_second_time()
    {
        var rig = new PolicyRig(o => o.Cooldown = TimeSpan.Zero).Started();
        rig.Frames(3, NoEntry);

        // Out of view long enough to unlatch, then in view again while the train stands halted.
        rig.Frames(5);
        rig.Frames(3, NoEntry);
        var resume = rig.Policy.Resume();

        Assert.Equal(OrderAction.Resume, Assert.Single(resume.Orders).Action);
        Assert.Equal(DrivingState.Cruising, rig.Snapshot.State);
    }
}
