using System.ComponentModel.DataAnnotations;
using CrazyTrain.Controller.Driving;
using CrazyTrain.Signs;

namespace CrazyTrain.Controller.Tests.Driving;

public class DrivingPolicyTests
{
    private static readonly (string, double) Stop = (SignCatalogue.Stop.Label, 0.9);
    private static readonly (string, double) NoEntry = (SignCatalogue.NoEntry.Label, 0.8);
    private static readonly (string, double) Danger = (SignCatalogue.Danger.Label, 0.85);
    private static readonly (string, double) Limit30 = (SignCatalogue.SpeedLimit30.Label, 0.7);
    private static readonly (string, double) Limit50 = (SignCatalogue.SpeedLimit50.Label, 0.75);

    private static DrivingOrder Single(IEnumerable<DrivingOrder> orders) => Assert.Single(orders);

    [Fact]
    public void A_new_policy_is_idle_with_the_motor_off_and_refuses_to_start_without_perception()
    {
        var rig = new PolicyRig();

        var start = rig.Policy.Start();

        Assert.Equal(DrivingState.Idle, rig.Snapshot.State);
        Assert.Equal(MotorSetpoint.Coast, rig.Policy.MotorSetpoint);
        Assert.False(start.Accepted);
        Assert.Contains("no detections received yet", start.Message);
        Assert.Empty(start.Orders);
    }

    [Fact]
    public void Start_with_fresh_perception_cruises_at_the_configured_power()
    {
        var rig = new PolicyRig(o => o.CruisePower = 70);
        rig.Frames(2);

        var start = rig.Policy.Start();

        var order = Single(start.Orders);
        Assert.Equal((OrderAction.Start, 70, (OrderReason?)null), (order.Action, order.Power, order.Reason));
        Assert.Equal(DrivingState.Cruising, rig.Snapshot.State);
        Assert.Equal(MotorSetpoint.Run(70), rig.Policy.MotorSetpoint);
    }

    [Fact]
    public void Starting_a_running_train_again_changes_nothing()
    {
        var rig = new PolicyRig().Started();

        var again = rig.Policy.Start();

        Assert.True(again.Accepted);
        Assert.Empty(again.Orders);
    }

    [Fact]
    public void A_stop_sign_acts_on_the_kth_sighting_brakes_holds_and_resumes_the_previous_cruise()
    {
        var rig = new PolicyRig().Started();

        Assert.Empty(rig.Frames(2, Stop));
        var stop = Single(rig.Frame(Stop));
        var stopFrame = rig.NextFrameId - 1;

        Assert.Equal(OrderAction.Stop, stop.Action);
        Assert.Equal(0, stop.Power);
        Assert.Equal(new OrderReason(SignCatalogue.Stop.Label, 0.9, stopFrame), stop.Reason);
        Assert.Equal(MotorSetpoint.Brake, rig.Policy.MotorSetpoint);

        Assert.Empty(rig.Frames(29));
        var resume = Single(rig.Frame());
        Assert.Equal((OrderAction.Resume, 60), (resume.Action, resume.Power));
        Assert.Equal(stop.Reason, resume.Reason);
        Assert.Equal(rig.Time.GetUtcNow() - stop.Time, rig.Options.StopHold);
        Assert.Equal(MotorSetpoint.Run(60), rig.Policy.MotorSetpoint);
    }

    [Fact]
    public void Sightings_spread_within_the_window_confirm_a_sign()
    {
        var rig = new PolicyRig().Started();

        var orders = new List<DrivingOrder>();
        orders.AddRange(rig.Frame(Stop));
        orders.AddRange(rig.Frame());
        orders.AddRange(rig.Frame(Stop));
        orders.AddRange(rig.Frame());
        orders.AddRange(rig.Frame(Stop));

        Assert.Equal(OrderAction.Stop, Single(orders).Action);
    }

    [Fact]
    public void Sightings_spread_wider_than_the_window_never_confirm()
    {
        var rig = new PolicyRig().Started();

        var orders = new List<DrivingOrder>();
        for (var i = 0; i < 5; i++)
        {
            orders.AddRange(rig.Frame(Stop));
            orders.AddRange(rig.Frames(2));
        }

        Assert.Empty(orders);
        Assert.Equal(DrivingState.Cruising, rig.Snapshot.State);
    }

    [Fact]
    public void Detections_below_the_threshold_do_not_count()
    {
        var rig = new PolicyRig(o => o.MinConfidence = 0.6).Started();

        Assert.Empty(rig.Frames(10, (SignCatalogue.Stop.Label, 0.59)));
        Assert.Equal(OrderAction.Stop, Single(rig.Frames(3, (SignCatalogue.Stop.Label, 0.6))).Action);
    }

    [Fact]
    public void A_sign_that_stays_in_view_acts_once_even_after_the_cooldown()
    {
        var rig = new PolicyRig().Started();

        var orders = rig.Frames(100, Stop);

        Assert.Equal([OrderAction.Stop, OrderAction.Resume], orders.Select(o => o.Action));
    }

    [Fact]
    public void A_sign_seen_again_within_the_cooldown_is_ignored_and_acts_again_after_it()
    {
        var rig = new PolicyRig(o => o.Cooldown = TimeSpan.FromSeconds(5)).Started();
        Assert.Equal(OrderAction.Limit, Single(rig.Frames(3, Limit30)).Action);
        rig.Frames(5, Limit50);

        // Leaves view, back 1 s after acting: within the cooldown.
        Assert.Empty(rig.Frames(5, Limit30));
        rig.Frames(40, Limit50);

        var again = Single(rig.Frames(3, Limit30));
        Assert.Equal((OrderAction.Limit, 30), (again.Action, again.Power));
    }

    [Fact]
    public void No_entry_halts_until_an_operator_resumes()
    {
        var rig = new PolicyRig().Started();

        var halt = Single(rig.Frames(3, NoEntry));
        var meanwhile = rig.Frames(300);
        var resume = rig.Policy.Resume();

        Assert.Equal((OrderAction.Halt, 0), (halt.Action, halt.Power));
        Assert.Empty(meanwhile);
        Assert.True(rig.Snapshot.AwaitingOperator || rig.Snapshot.State == DrivingState.Cruising);
        Assert.True(resume.Accepted);
        var order = Single(resume.Orders);
        Assert.Equal((OrderAction.Resume, 60, (OrderReason?)null), (order.Action, order.Power, order.Reason));
        Assert.Equal(MotorSetpoint.Run(60), rig.Policy.MotorSetpoint);
    }

    [Fact]
    public void Halted_reports_that_it_awaits_an_operator()
    {
        var rig = new PolicyRig().Started();
        rig.Frames(3, NoEntry);

        Assert.Equal(DrivingState.Halted, rig.Snapshot.State);
        Assert.True(rig.Snapshot.AwaitingOperator);
        Assert.Equal(MotorSetpoint.Brake, rig.Policy.MotorSetpoint);
    }

    [Fact]
    public void Speed_limits_cap_the_power_until_another_limit_replaces_them()
    {
        var rig = new PolicyRig(o => o.CruisePower = 60).Started();

        var limit30 = Single(rig.Frames(3, Limit30));
        Assert.Equal(MotorSetpoint.Run(30), rig.Policy.MotorSetpoint);
        var limit50 = Single(rig.Frames(3, Limit50));

        Assert.Equal((OrderAction.Limit, 30), (limit30.Action, limit30.Power));
        Assert.Equal((OrderAction.Limit, 50), (limit50.Action, limit50.Power));
        Assert.Equal(new SpeedCap(SignCatalogue.SpeedLimit50.Label, 50), rig.Snapshot.SpeedCap);
        Assert.Equal(MotorSetpoint.Run(50), rig.Policy.MotorSetpoint);
    }

    [Fact]
    public void A_sign_read_as_both_30_and_50_caps_at_30()
    {
        var rig = new PolicyRig(o => o.CruisePower = 60).Started();

        var order = Single(rig.Frames(3, Limit30, Limit50));
        var afterwards = rig.Frames(3, Limit50); // the same sign, now read as 50 only: already acted on

        Assert.Equal((OrderAction.Limit, 30), (order.Action, order.Power));
        Assert.Equal(SignCatalogue.SpeedLimit30.Label, order.Reason?.Label);
        Assert.Empty(afterwards);
        Assert.Equal(new SpeedCap(SignCatalogue.SpeedLimit30.Label, 30), rig.Snapshot.SpeedCap);
        Assert.Equal(MotorSetpoint.Run(30), rig.Policy.MotorSetpoint);
    }

    [Fact]
    public void A_cap_above_the_cruise_power_leaves_the_cruise_alone()
    {
        var rig = new PolicyRig(o => { o.CruisePower = 40; o.SpeedLimit50Power = 55; }).Started();

        var order = Single(rig.Frames(3, Limit50));

        Assert.Equal(40, order.Power);
        Assert.Equal(MotorSetpoint.Run(40), rig.Policy.MotorSetpoint);
    }

    [Fact]
    public void After_a_stop_the_train_resumes_at_the_capped_cruise()
    {
        var rig = new PolicyRig().Started();
        rig.Frames(3, Limit30);
        rig.Frames(5);
        rig.Frames(3, Stop);

        var resume = Single(rig.Frames(30));

        Assert.Equal((OrderAction.Resume, 30), (resume.Action, resume.Power));
    }

    [Fact]
    public void Signs_confirmed_in_the_same_frame_act_most_restrictive_first()
    {
        var rig = new PolicyRig().Started();

        var orders = rig.Frames(3, Limit30, Stop);

        Assert.Equal([(OrderAction.Stop, 0), (OrderAction.Limit, 0)], orders.Select(o => (o.Action, o.Power)));
        Assert.Equal(30, Single(rig.Frames(30)).Power);
    }

    [Fact]
    public void Danger_brakes_pauses_then_ramps_back_to_the_capped_cruise()
    {
        var rig = new PolicyRig(o => { o.DangerPause = TimeSpan.FromSeconds(1); o.RampDuration = TimeSpan.FromSeconds(2); }).Started();

        var danger = Single(rig.Frames(3, Danger));
        Assert.Equal((OrderAction.Danger, 0), (danger.Action, danger.Power));
        Assert.Equal(MotorSetpoint.Brake, rig.Policy.MotorSetpoint);
        Assert.Empty(rig.Frames(9));

        var resume = Single(rig.Frame());
        Assert.Equal((OrderAction.Resume, 60), (resume.Action, resume.Power));
        Assert.Equal(DrivingState.Ramping, rig.Snapshot.State);
        var powers = new List<int>();
        for (var i = 0; i < 20; i++)
        {
            Assert.Empty(rig.Frame());
            powers.Add(rig.Policy.MotorSetpoint.Power);
        }

        Assert.Equal(3, powers[0]);
        Assert.Equal(30, powers[9]);
        Assert.Equal(60, powers[^1]);
        Assert.Equal(powers.Order(), powers);
        Assert.Equal(DrivingState.Cruising, rig.Snapshot.State);
    }

    [Fact]
    public void A_stop_sign_during_a_danger_pause_turns_it_into_a_stop_hold()
    {
        var rig = new PolicyRig(o => o.DangerPause = TimeSpan.FromSeconds(5)).Started();
        rig.Frames(3, Danger);

        var stop = Single(rig.Frames(3, Stop));

        Assert.Equal(OrderAction.Stop, stop.Action);
        Assert.Equal(DrivingState.StopHold, rig.Snapshot.State);
    }

    [Fact]
    public void Stale_perception_stops_the_train_and_says_why()
    {
        var rig = new PolicyRig(o => o.PerceptionTimeout = TimeSpan.FromSeconds(1.5)).Started();
        var lastFrame = rig.NextFrameId - 1;

        Assert.Empty(rig.Silence(TimeSpan.FromSeconds(1.4)));
        var failSafe = Single(rig.Silence(TimeSpan.FromSeconds(0.1)));

        Assert.Equal((OrderAction.FailSafeStop, 0, (OrderReason?)null), (failSafe.Action, failSafe.Power, failSafe.Reason));
        Assert.Equal(DrivingState.FailSafeStopped, rig.Snapshot.State);
        Assert.Equal($"no fresh detections for 1.5 s (last frame {lastFrame})", rig.Snapshot.FailSafeReason);
        Assert.False(rig.Snapshot.PerceptionFresh);
        Assert.Equal(MotorSetpoint.Brake, rig.Policy.MotorSetpoint);
    }

    [Fact]
    public void After_a_fail_safe_stop_the_train_resumes_once_enough_frames_are_back()
    {
        var rig = new PolicyRig(o => o.RecoveryFrames = 3).Started();
        rig.Silence(TimeSpan.FromSeconds(2));

        Assert.Empty(rig.Frames(2));
        Assert.False(rig.Policy.Start().Accepted);
        var resume = Single(rig.Frame());

        Assert.Equal((OrderAction.Resume, 60, (OrderReason?)null), (resume.Action, resume.Power, resume.Reason));
        Assert.Equal(DrivingState.Cruising, rig.Snapshot.State);
    }

    [Fact]
    public void With_operator_required_perception_alone_does_not_resume_after_a_fail_safe_stop()
    {
        var rig = new PolicyRig(o => o.RequireOperatorAfterFailSafe = true).Started();
        rig.Silence(TimeSpan.FromSeconds(2));

        var tooEarly = rig.Policy.Resume();
        var back = rig.Frames(10);
        var resume = rig.Policy.Resume();

        Assert.False(tooEarly.Accepted);
        Assert.Contains("no fresh detections for", tooEarly.Message);
        Assert.Empty(back);
        Assert.True(rig.Snapshot.AwaitingOperator || rig.Snapshot.State == DrivingState.Cruising);
        Assert.Equal(OrderAction.Resume, Single(resume.Orders).Action);
    }

    [Fact]
    public void A_stop_hold_ending_without_perception_becomes_a_fail_safe_stop_not_a_resume()
    {
        var rig = new PolicyRig().Started();
        rig.Frames(3, Stop);

        var orders = rig.Silence(TimeSpan.FromSeconds(5));

        Assert.Equal([OrderAction.FailSafeStop], orders.Select(o => o.Action));
        Assert.Equal(MotorSetpoint.Brake, rig.Policy.MotorSetpoint);
    }

    [Fact]
    public void A_gap_in_frames_longer_than_the_timeout_trips_the_fail_safe_even_without_ticks()
    {
        var rig = new PolicyRig().Started();
        rig.Time.Advance(TimeSpan.FromSeconds(3));

        var orders = rig.Frame();

        Assert.Equal(OrderAction.FailSafeStop, Single(orders).Action);
    }

    [Fact]
    public void Emergency_stop_wins_over_signs_and_start_until_an_operator_resumes()
    {
        var rig = new PolicyRig().Started();

        var emergency = Single(rig.Policy.EmergencyStop().Orders);
        var signs = rig.Frames(40, Stop, Limit30, Danger, NoEntry);
        var start = rig.Policy.Start();
        var resume = rig.Policy.Resume();

        Assert.Equal((OrderAction.EmergencyStop, 0, (OrderReason?)null), (emergency.Action, emergency.Power, emergency.Reason));
        Assert.Empty(signs);
        Assert.False(start.Accepted);
        Assert.Contains("emergency stop", start.Message, StringComparison.OrdinalIgnoreCase);
        // The most restrictive sign that confirmed while the train stood is obeyed as it may move again.
        Assert.Equal((OrderAction.Halt, 0), (Single(resume.Orders).Action, Single(resume.Orders).Power));
        Assert.Null(rig.Snapshot.SpeedCap);
    }

    [Fact]
    public void An_emergency_stop_is_not_lifted_while_perception_is_gone()
    {
        var rig = new PolicyRig().Started();
        rig.Policy.EmergencyStop();

        var silence = rig.Silence(TimeSpan.FromSeconds(3));
        var resume = rig.Policy.Resume();

        Assert.Empty(silence);
        Assert.Equal(DrivingState.EmergencyStopped, rig.Snapshot.State);
        Assert.False(resume.Accepted);
        Assert.Equal(MotorSetpoint.Brake, rig.Policy.MotorSetpoint);
    }

    [Fact]
    public void Repeated_emergency_stops_give_one_order()
    {
        var rig = new PolicyRig().Started();

        var orders = rig.Policy.EmergencyStop().Orders.Concat(rig.Policy.EmergencyStop().Orders);

        Assert.Single(orders);
    }

    [Fact]
    public void Clearing_an_emergency_stop_before_any_start_leaves_the_train_idle()
    {
        var rig = new PolicyRig();
        rig.Frames(2);
        rig.Policy.EmergencyStop();

        var resume = rig.Policy.Resume();

        Assert.True(resume.Accepted);
        Assert.Equal(0, Single(resume.Orders).Power);
        Assert.Equal(DrivingState.Idle, rig.Snapshot.State);
    }

    [Fact]
    public void Resume_before_any_start_is_refused()
    {
        var rig = new PolicyRig();
        rig.Frames(1);

        Assert.False(rig.Policy.Resume().Accepted);
    }

    [Fact]
    public void Duplicate_and_out_of_order_frames_are_counted_and_ignored()
    {
        var rig = new PolicyRig().Started();
        rig.NextFrameId = 10;
        rig.Frame();
        var capturedAt = rig.Time.GetUtcNow();

        var orders = new List<DrivingOrder>();
        for (var i = 0; i < 3; i++)
        {
            rig.Time.Advance(PolicyRig.FrameInterval);
            orders.AddRange(rig.Policy.OnFrame(new DetectionFrame(10, capturedAt, [new SignSighting(SignCatalogue.Stop.Label, 0.9)])));
            orders.AddRange(rig.Policy.OnFrame(new DetectionFrame(9, capturedAt.AddSeconds(-1), [new SignSighting(SignCatalogue.Stop.Label, 0.9)])));
        }

        Assert.Empty(orders);
        Assert.Equal(3, rig.Snapshot.Counters.DuplicateFrames);
        Assert.Equal(3, rig.Snapshot.Counters.OutOfOrderFrames);
        Assert.Equal(10, rig.Snapshot.LastFrameId);
    }

    [Fact]
    public void Duplicates_do_not_keep_perception_alive()
    {
        var rig = new PolicyRig().Started();
        var last = rig.NextFrameId - 1;
        var capturedAt = rig.Time.GetUtcNow();

        var orders = new List<DrivingOrder>();
        for (var i = 0; i < 20; i++)
        {
            rig.Time.Advance(PolicyRig.FrameInterval);
            orders.AddRange(rig.Policy.OnFrame(new DetectionFrame(last, capturedAt, [])));
        }

        Assert.Equal(OrderAction.FailSafeStop, Single(orders).Action);
    }

    [Fact]
    public void A_camera_restart_that_counts_from_zero_again_is_accepted()
    {
        var rig = new PolicyRig().Started();
        rig.NextFrameId = 500;
        rig.Frames(2, Stop);

        rig.NextFrameId = 0;
        var orders = rig.Frames(3, Stop);

        Assert.Equal(1, rig.Snapshot.Counters.CameraRestarts);
        Assert.Equal(OrderAction.Stop, Single(orders).Action);
        Assert.Equal(0, Single(orders).Reason!.FrameId - 2);
    }

    [Fact]
    public void Unknown_labels_are_counted_and_do_not_hide_known_signs_in_the_same_frame()
    {
        var rig = new PolicyRig().Started();

        var orders = rig.Frames(3, ("giraffe", 0.99), Stop, ("traffic_light", 0.9));

        Assert.Equal(OrderAction.Stop, Single(orders).Action);
        Assert.Equal(6, rig.Snapshot.Counters.UnknownLabels);
    }

    [Fact]
    public void The_most_confident_sighting_of_a_sign_in_a_frame_is_the_reason()
    {
        var rig = new PolicyRig().Started();

        var stop = Single(rig.Frames(3, (SignCatalogue.Stop.Label, 0.55), (SignCatalogue.Stop.Label, 0.97)));

        Assert.Equal(0.97, stop.Reason!.Confidence);
    }

    [Fact]
    public void Malformed_messages_are_counted()
    {
        var rig = new PolicyRig();

        rig.Policy.RecordMalformed();
        rig.Policy.RecordMalformed();

        Assert.Equal(2, rig.Snapshot.Counters.MalformedMessages);
    }

    [Fact]
    public void Signs_seen_while_idle_do_not_move_or_stop_anything_but_a_limit_is_remembered()
    {
        var rig = new PolicyRig();

        var orders = rig.Frames(3, Stop, Limit30);
        rig.Policy.Start();

        Assert.Equal([(OrderAction.Limit, 0)], orders.Select(o => (o.Action, o.Power)));
        Assert.Equal(MotorSetpoint.Run(30), rig.Policy.MotorSetpoint);
    }

    [Fact]
    public void Frame_order_is_judged_per_camera_and_each_camera_confirms_on_its_own_frames()
    {
        var rig = new PolicyRig().Started();
        var orders = new List<DrivingOrder>();

        // A second camera with much higher ids interleaves with the first: neither is out of order.
        for (var i = 0; i < 3; i++)
        {
            rig.Time.Advance(PolicyRig.FrameInterval);
            orders.AddRange(rig.Policy.OnFrame(new DetectionFrame(1_000_000 + i, rig.Time.GetUtcNow(), [new SignSighting(SignCatalogue.Stop.Label, 0.9)], "front")));
            orders.AddRange(rig.Frame());
        }

        Assert.Equal(OrderAction.Stop, Single(orders).Action);
        Assert.Equal(0, rig.Snapshot.Counters.OutOfOrderFrames + rig.Snapshot.Counters.CameraRestarts);
    }

    [Fact]
    public void Options_refuse_a_confirmation_count_larger_than_the_window()
    {
        var options = new DrivingOptions { ConfirmFrames = 6, WindowFrames = 5 };
        var results = new List<ValidationResult>();

        var valid = Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);

        Assert.False(valid);
        Assert.Contains("ConfirmFrames (6) cannot exceed WindowFrames (5)", results.Single().ErrorMessage);
    }
}
