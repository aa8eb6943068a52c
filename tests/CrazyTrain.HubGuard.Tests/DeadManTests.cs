using CrazyTrain.HubGuard.Watching;

namespace CrazyTrain.HubGuard.Tests;

public sealed class DeadManTests
{
    private static readonly ProbeResult Silent = ProbeResult.Missed("no answer within 500 ms");
    private readonly ManualTimeProvider _time = new();
    private readonly DeadMan _deadMan;

    public DeadManTests() => _deadMan = new DeadMan(
        new HubGuardOptions { Deadline = TimeSpan.FromMilliseconds(500), RecutInterval = TimeSpan.FromSeconds(1) },
        _time);

    private Verdict After(int milliseconds, ProbeResult probe)
    {
        _time.Advance(TimeSpan.FromMilliseconds(milliseconds));
        return _deadMan.Observe(probe);
    }

    [Fact]
    public void A_beating_controller_is_never_cut()
    {
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(Verdict.Beating, After(100, ProbeResult.Beat));
        }

        Assert.Equal(0, _deadMan.State.Cuts);
    }

    [Fact]
    public void Misses_within_the_deadline_wait_and_the_first_miss_past_it_cuts()
    {
        After(100, ProbeResult.Beat);

        Assert.Equal(Verdict.Waiting, After(200, Silent));
        Assert.Equal(Verdict.Waiting, After(299, Silent));
        Assert.Equal(Verdict.Cut, After(1, Silent));
        Assert.True(_deadMan.State.LinkCut);
        Assert.Equal("no answer within 500 ms", _deadMan.State.LastMiss);
    }

    [Fact]
    public void A_silent_controller_is_cut_again_every_recut_interval_not_every_probe()
    {
        Assert.Equal(Verdict.Cut, After(500, Silent));

        Assert.Equal(Verdict.HeldCut, After(500, Silent));
        Assert.Equal(Verdict.HeldCut, After(499, Silent));
        Assert.Equal(Verdict.Recut, After(1, Silent));
        Assert.Equal(2, _deadMan.State.Cuts);
        Assert.Equal(_time.GetUtcNow() - TimeSpan.FromSeconds(1), _deadMan.State.CutSince);
        Assert.Equal(_time.GetUtcNow(), _deadMan.State.LastCutAt);
    }

    [Fact]
    public void A_controller_that_never_beat_is_cut_too()
    {
        Assert.Equal(Verdict.Cut, After(500, ProbeResult.Missed("unreachable (ConnectionRefused)")));
    }

    [Fact]
    public void A_beat_after_a_cut_rearms_and_a_new_silence_counts_from_that_beat()
    {
        After(600, Silent);

        Assert.Equal(Verdict.Rearmed, After(100, ProbeResult.Beat));
        Assert.False(_deadMan.State.LinkCut);
        Assert.Equal(Verdict.Waiting, After(499, Silent));
        Assert.Equal(Verdict.Cut, After(1, Silent));
    }

    [Fact]
    public void A_probe_may_wait_only_until_the_deadline_so_a_frozen_controller_is_cut_on_time()
    {
        After(0, ProbeResult.Beat);
        _time.Advance(TimeSpan.FromMilliseconds(300));

        Assert.Equal(TimeSpan.FromMilliseconds(200), _deadMan.ProbeTimeout);

        _time.Advance(TimeSpan.FromMilliseconds(190));
        Assert.Equal(TimeSpan.FromMilliseconds(50), _deadMan.ProbeTimeout);
    }
}
