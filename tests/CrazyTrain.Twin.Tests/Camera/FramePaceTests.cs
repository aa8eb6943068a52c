using CrazyTrain.Twin.Camera;

namespace CrazyTrain.Twin.Tests.Camera;

public sealed class FramePaceTests
{
    [Fact]
    public void The_first_frame_is_due_at_once_and_the_next_no_sooner_than_one_interval_later()
    {
        var interval = TimeSpan.FromHours(1); // long enough that no test machine reaches the next frame
        var pace = new FramePace(interval);

        Assert.Null(pace.UntilDue());
        pace.Started();

        var wait = pace.UntilDue();
        Assert.NotNull(wait);
        Assert.InRange(wait.Value, interval - TimeSpan.FromMinutes(1), interval);
    }

    [Fact]
    public void A_paused_stream_starts_afresh_and_forgets_the_rate_it_held()
    {
        var pace = new FramePace(TimeSpan.FromHours(1));
        pace.Started();
        pace.Started(); // two frames: a period measured

        Assert.True(pace.HeldFramesPerSecond > 0);
        pace.Pause();

        Assert.Null(pace.UntilDue());
        pace.Started();
        Assert.InRange(pace.UntilDue()!.Value, TimeSpan.FromMinutes(59), TimeSpan.FromHours(1));
    }
}
