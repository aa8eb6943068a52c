using CrazyTrain.Capture.Pacing;
using CrazyTrain.Capture.Tests.Support;

namespace CrazyTrain.Capture.Tests;

public sealed class FramePacerTests
{
    [Fact]
    public void First_slot_is_due_at_once_and_the_next_one_a_period_later()
    {
        var time = new ManualTimeProvider();
        var pacer = new FramePacer(time, fps: 25);

        Assert.Equal(TimeSpan.Zero, pacer.DelayUntilNextSlot());
        pacer.TakeSlot();
        Assert.Equal(TimeSpan.FromMilliseconds(40), pacer.DelayUntilNextSlot());

        time.Advance(TimeSpan.FromMilliseconds(15));
        Assert.Equal(TimeSpan.FromMilliseconds(25), pacer.DelayUntilNextSlot());
    }

    [Fact]
    public void Schedule_does_not_drift_when_each_frame_is_taken_late()
    {
        // 30 fps has a period of 33.333... ms; a relative "sleep one period after each frame" loop would add
        // the late part of every wake-up. Absolute slots keep the 1800th frame at 1799/30 s plus one lateness.
        var time = new ManualTimeProvider();
        var pacer = new FramePacer(time, fps: 30);
        for (var frame = 0; frame < 1800; frame++)
        {
            time.Advance(pacer.DelayUntilNextSlot() + TimeSpan.FromMilliseconds(3));
            pacer.TakeSlot();
        }

        var expectedTicks = 1799 * TimeSpan.TicksPerSecond / 30.0 + TimeSpan.FromMilliseconds(3).Ticks;
        Assert.Equal(expectedTicks, time.GetTimestamp(), tolerance: 1.0);
        Assert.Equal(0, pacer.SkippedSlots);
    }

    [Fact]
    public void A_long_stall_skips_slots_instead_of_bursting()
    {
        var time = new ManualTimeProvider();
        var pacer = new FramePacer(time, fps: 10);
        pacer.TakeSlot();

        time.Advance(TimeSpan.FromMilliseconds(550));
        pacer.TakeSlot();

        Assert.Equal(TimeSpan.FromMilliseconds(100), pacer.DelayUntilNextSlot());
        Assert.Equal(4, pacer.SkippedSlots);
    }

    [Fact]
    public void Live_source_twice_as_fast_as_the_target_is_thinned_to_every_other_frame()
    {
        var time = new ManualTimeProvider();
        var pacer = new FramePacer(time, fps: 15);
        var taken = 0;
        for (var frame = 0; frame < 300; frame++)
        {
            if (pacer.IsSlotDue())
            {
                pacer.TakeSlot();
                taken++;
            }

            time.Advance(TimeSpan.FromTicks(TimeSpan.TicksPerSecond / 30));
        }

        Assert.Equal(150, taken);
    }

    [Fact]
    public void Live_source_at_the_target_rate_with_jitter_loses_no_frame()
    {
        var time = new ManualTimeProvider();
        var pacer = new FramePacer(time, fps: 30);
        var jitter = new Random(7);
        var taken = 0;
        var arrival = TimeSpan.Zero;
        for (var frame = 0; frame < 300; frame++)
        {
            // Frames arrive on the camera's 30 fps clock, each up to ±8 ms early or late.
            var next = TimeSpan.FromTicks(frame * TimeSpan.TicksPerSecond / 30) + TimeSpan.FromMilliseconds(jitter.Next(-8, 9));
            if (next > arrival)
            {
                time.Advance(next - arrival);
                arrival = next;
            }

            if (pacer.IsSlotDue())
            {
                pacer.TakeSlot();
                taken++;
            }
        }

        Assert.Equal(300, taken);
    }
}
