using CrazyTrain.Controller.Driving;
using CrazyTrain.Controller.Perception;
using CrazyTrain.Controller.Tests.Driving;
using CrazyTrain.Signs;

namespace CrazyTrain.Controller.Tests.Perception;

/// <summary>
/// The sighting log says what the controller made of each detection of a known sign: far, unsure, counted towards K of
/// N, confirmed, or held by the latch of a sign obeyed moments ago. The rig confirms 3 of 5 frames; the gate is 10 px.
/// </summary>
public class SightingLogTests
{
    private static SignSighting Stop(double widthPx, double confidence = 0.9) => new(SignCatalogue.Stop.Label, confidence, widthPx / 640);

    [Fact]
    public void A_stop_sign_approaching_is_far_then_counted_then_confirmed_then_latched_while_the_train_stands()
    {
        var rig = new PolicyRig(o => o.MinConfidence = 0.5).Started();

        rig.FrameWith(Stop(8));
        rig.FrameWith(Stop(14, confidence: 0.3));
        var orders = rig.FramesWith(5, Stop(14));
        rig.FrameWith(new SignSighting("giraffe", 0.9, 0.05));

        Assert.Equal(OrderAction.Stop, Assert.Single(orders).Action);
        var verdicts = rig.Sightings.Newest(100).Reverse().Select(s => s.Verdict).ToList();
        Assert.Equal(
            [SightingVerdict.Far, SightingVerdict.UnderMinConfidence, SightingVerdict.Counted, SightingVerdict.Counted, SightingVerdict.Confirmed, SightingVerdict.Latched, SightingVerdict.Latched],
            verdicts);
        var confirmed = rig.Sightings.Newest(100).Single(s => s.Verdict == SightingVerdict.Confirmed);
        Assert.Equal(orders[0].Reason!.FrameId, confirmed.FrameId);
        Assert.Equal((SignCatalogue.Stop.Label, 0.9, 14.0 / 640, "camera"), (confirmed.Label, confirmed.Confidence, confirmed.WidthFraction, confirmed.Camera));
    }

    [Fact]
    public void Every_near_sighting_of_a_frame_gets_the_verdict_of_its_sign()
    {
        var rig = new PolicyRig().Started();

        rig.FramesWith(2, Stop(12), new SignSighting(SignCatalogue.Danger.Label, 0.8, 0.03));
        var third = rig.FrameWith(Stop(12), Stop(20, confidence: 0.6), new SignSighting(SignCatalogue.Danger.Label, 0.8, 0.03));

        // STOP acts first; the danger sign confirmed with it but is not obeyed while the train stops, so it is not latched.
        Assert.Equal(OrderAction.Stop, Assert.Single(third).Action);
        var last = rig.Sightings.Newest(3);
        Assert.All(last, s => Assert.Equal(SightingVerdict.Confirmed, s.Verdict));
        Assert.Equal(2, last.Count(s => s.Label == SignCatalogue.Stop.Label));
    }

    [Fact]
    public void A_sign_in_a_frame_the_gate_refused_shows_why()
    {
        var rig = new PolicyRig().Started();

        rig.Frame();
        rig.NextFrameId -= 2; // an older frame, captured before the last one, arriving late
        rig.FrameCapturedAgo(TimeSpan.FromMilliseconds(300), (SignCatalogue.Stop.Label, 0.9), ("giraffe", 0.9));
        rig.NextFrameId += 5;
        rig.FrameCapturedAgo(TimeSpan.FromSeconds(5), (SignCatalogue.Stop.Label, 0.9));

        Assert.Equal([SightingVerdict.Stale, SightingVerdict.OutOfOrder], rig.Sightings.Newest(10).Select(s => s.Verdict));
    }

    [Fact]
    public void The_log_keeps_the_newest_sightings_first_filters_by_label_and_stays_bounded()
    {
        var log = new SightingLog(capacity: 3);
        var at = DateTimeOffset.UnixEpoch;
        foreach (var (id, label) in new[] { (1L, "stop"), (2L, "danger"), (3L, "stop"), (4L, "danger") })
        {
            log.Add(new SightingRecord(id, at, "camera", label, 0.9, 0.02, SightingVerdict.Counted));
        }

        Assert.Equal([4L, 3, 2], log.Newest(10).Select(s => s.FrameId));
        Assert.Equal([3L], log.Newest(10, "stop").Select(s => s.FrameId));
        Assert.Equal([4L], log.Newest(1).Select(s => s.FrameId));
    }
}
