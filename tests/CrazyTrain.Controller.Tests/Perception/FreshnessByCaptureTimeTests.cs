using CrazyTrain.Controller.Driving;
using CrazyTrain.Controller.Perception;
using CrazyTrain.Controller.Tests.Driving;
using CrazyTrain.Signs;

namespace CrazyTrain.Controller.Tests.Perception;

/// <summary>
/// Freshness is judged by each frame's own capture time on a manual clock: a backlog that arrives now but was
/// captured long ago never counts as fresh, a capture time from the future is refused, and a trickle of frames
/// is not perception.
/// </summary>
public class FreshnessByCaptureTimeTests
{
    private static readonly (string, double) Stop = (SignCatalogue.Stop.Label, 0.9);
    private static readonly TimeSpan Old = TimeSpan.FromSeconds(30);

    [Fact]
    public void A_replayed_backlog_arriving_at_full_rate_is_stale_and_the_train_refuses_to_start()
    {
        var rig = new PolicyRig();

        for (var i = 0; i < 20; i++)
        {
            Assert.Empty(rig.FrameCapturedAgo(Old));
        }

        var start = rig.Policy.Start();
        Assert.False(start.Accepted);
        Assert.Contains("no detections received yet", start.Message);
        Assert.Contains("stale", start.Message);
        Assert.False(rig.Snapshot.PerceptionFresh);
        Assert.Equal((0, 20), (rig.Snapshot.Counters.FramesAccepted, rig.Snapshot.Counters.StaleFrames));
    }

    [Fact]
    public void A_running_train_fed_only_old_frames_stops_by_the_fail_safe_even_though_frames_keep_arriving()
    {
        var rig = new PolicyRig(o => o.PerceptionTimeout = TimeSpan.FromSeconds(1.5)).Started();

        // A partition heals and the backlog floods in, one frame every 100 ms, each captured two seconds ago.
        var orders = Enumerable.Range(0, 15).SelectMany(_ => rig.FrameCapturedAgo(TimeSpan.FromSeconds(2))).ToList();

        var failSafe = Assert.Single(orders);
        Assert.Equal(OrderAction.FailSafeStop, failSafe.Action);
        Assert.Equal(DrivingState.FailSafeStopped, rig.Snapshot.State);
        Assert.StartsWith("no fresh detections for 1.5 s", rig.Snapshot.FailSafeReason);
        Assert.Contains("arrived 2.0 s after its capture (stale)", rig.Snapshot.FailSafeReason);
    }

    [Fact]
    public void Stale_stop_signs_from_a_backlog_do_not_act_and_fresh_frames_bring_the_train_back()
    {
        var rig = new PolicyRig(o => o.RecoveryFrames = 3).Started();

        var stale = rig.FrameCapturedAgo(Old, Stop).Concat(rig.FrameCapturedAgo(Old, Stop)).Concat(rig.FrameCapturedAgo(Old, Stop));
        Assert.Empty(stale);
        Assert.Equal(DrivingState.Cruising, rig.Snapshot.State);

        var fresh = rig.Frames(3, Stop);
        Assert.Equal(OrderAction.Stop, Assert.Single(fresh).Action);
    }

    [Fact]
    public void A_frame_just_inside_the_maximum_age_counts_and_one_at_it_does_not()
    {
        var rig = new PolicyRig(o => o.MaxFrameAge = TimeSpan.FromSeconds(1));

        rig.FrameCapturedAgo(TimeSpan.FromMilliseconds(999));
        rig.FrameCapturedAgo(TimeSpan.FromSeconds(1));

        Assert.Equal((1, 1), (rig.Snapshot.Counters.FramesAccepted, rig.Snapshot.Counters.StaleFrames));
    }

    [Fact]
    public void A_capture_time_in_the_future_beyond_the_tolerance_is_refused_and_counted()
    {
        var rig = new PolicyRig(o => o.ClockSkewTolerance = TimeSpan.FromMilliseconds(250));

        rig.FrameCapturedAgo(-TimeSpan.FromMilliseconds(200));
        rig.FrameCapturedAgo(-TimeSpan.FromMilliseconds(300));
        rig.FrameCapturedAgo(-TimeSpan.FromDays(365));

        Assert.Equal((1, 2), (rig.Snapshot.Counters.FramesAccepted, rig.Snapshot.Counters.FutureFrames));
        var start = rig.Policy.Start();
        Assert.False(start.Accepted);
        Assert.Contains("in the future (clock skew)", start.Message);
    }

    [Fact]
    public void A_frame_from_the_future_cannot_keep_perception_fresh_for_ever()
    {
        var rig = new PolicyRig().Started();

        var orders = Enumerable.Range(0, 20).SelectMany(_ => rig.FrameCapturedAgo(-TimeSpan.FromHours(1))).ToList();

        Assert.Equal(OrderAction.FailSafeStop, Assert.Single(orders).Action);
        Assert.Equal(20, rig.Snapshot.Counters.FutureFrames);
    }

    [Fact]
    public void A_trickle_of_fresh_frames_below_the_minimum_rate_is_not_perception()
    {
        var rig = new PolicyRig(o => { o.MinFramesPerSecond = 2; o.PerceptionTimeout = TimeSpan.FromSeconds(1.5); }).Started();

        // One fresh frame every 1.2 s: each arrives before the 1.5 s timeout, but two never fall within one second.
        var orders = new List<DrivingOrder>();
        for (var i = 0; i < 3; i++)
        {
            orders.AddRange(rig.Silence(TimeSpan.FromSeconds(1.1)));
            orders.AddRange(rig.Frame());
        }

        Assert.Equal(OrderAction.FailSafeStop, Assert.Single(orders).Action);
        Assert.Contains("fewer than 2 a second", rig.Snapshot.FailSafeReason);
        Assert.False(rig.Policy.Start().Accepted);

        // Back at the camera's rate: fresh again.
        rig.Frames(3);
        Assert.True(rig.Snapshot.PerceptionFresh);
    }

    [Fact]
    public void One_frame_alone_is_not_yet_fresh_perception_at_the_default_minimum_rate()
    {
        var rig = new PolicyRig();

        rig.Frames(1);
        Assert.False(rig.Policy.Start().Accepted);

        rig.Frames(1);
        Assert.True(rig.Policy.Start().Accepted);
    }

    [Fact]
    public void The_unknown_label_share_counts_recent_frames_and_recovers_once_the_labels_are_right()
    {
        var gate = new PerceptionGate(new DrivingOptions());
        var now = new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
        var frameId = 0L;
        void Frame(params SignSighting[] sightings)
        {
            now += TimeSpan.FromMilliseconds(33);
            Assert.True(gate.TryAdmit(new DetectionFrame(frameId++, now, sightings), now, out _));
        }

        for (var i = 0; i < 10; i++)
        {
            Frame(new SignSighting("halt_sign", 0.9), new SignSighting("stop_v2", 0.8));
        }

        for (var i = 0; i < 10; i++)
        {
            Frame(new SignSighting(SignCatalogue.Stop.Label, 0.9));
        }

        Assert.Equal(0.5, gate.UnknownLabelShare, 3);
        Assert.True(gate.UnknownLabelShare > UnknownLabelRate.DegradedAbove);
        Assert.Equal(20, gate.Counters.UnknownLabels);

        for (var i = 0; i < UnknownLabelRate.WindowFrames; i++)
        {
            Frame();
        }

        Assert.Equal(0, gate.UnknownLabelShare);
    }
}
