using CrazyTrain.Simulation.Signs;
using CrazyTrain.Twin.Episodes;
using CrazyTrain.Twin.Track;
using CrazyTrain.Twin.Train;
using CrazyTrain.Twin.World;

namespace CrazyTrain.Twin.Tests.Episodes;

/// <summary>The episode's record from the world's ground truth, with the test playing camera and controller.</summary>
public sealed class EpisodeRecorderTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 20, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);

    private readonly TwinWorld _world = new(new Lineside(TrackLoop.Parse("8L 4S 8L 4S"), []), new MotorModel());
    private DateTimeOffset _now = Start;
    private long _frame;

    private void Episode(params (SignKind Kind, double AtCm)[] signs) => _world.Reset(
        new EpisodePlan(5, LayoutFamilies.Oval, "8L 4S 8L 4S", false, [.. signs.Select(s => new PlannedSign(new LinesideSign(s.Kind, s.AtCm), 70))], 0, "kids-room", null, 50),
        new MotorModel(),
        Start);

    /// <summary>One camera frame: 100 ms of simulated time (twice as long in real time), the sign noted when 60 cm ahead or closer.</summary>
    private void Frame(sbyte power, string? seen = null)
    {
        _now += 2 * Step;
        _world.Advance(Step, power, hubConnected: true, _now);
        _frame++;
        if (seen is not null)
        {
            _world.NoteSignVisible(seen, 14, _frame, _now);
        }
    }

    private void RunUntil(sbyte power, Func<TwinSnapshot, bool> done, string? label = null, double seenFromCm = 60)
    {
        for (var i = 0; i < 2000 && !done(_world.Snapshot()); i++)
        {
            var next = _world.Snapshot().NextSign;
            var ahead = _world.Snapshot().NextSignDistanceCm;
            Frame(power, label is not null && next?.Label == label && ahead <= seenFromCm ? label : null);
        }
    }

    [Fact]
    public void A_train_that_brakes_for_the_stop_sign_is_recorded_stopping_before_it_with_its_reaction_time()
    {
        Episode((SignKind.Stop, 140));
        RunUntil(60, s => s.NextSignDistanceCm <= 60, "stop");
        Frame(60, "stop");
        Frame(60);
        _world.NoteHubOrder(MotorPowerValues.Brake, _now + TimeSpan.FromMilliseconds(30));
        RunUntil(MotorPowerValues.Brake, s => s.SpeedCmPerS == 0);

        var sign = Assert.Single(_world.Episode().Signs);
        Assert.Equal("stop", sign.Label);
        Assert.True(sign.StoppedBeforeSign);
        Assert.InRange(sign.StopDistanceCm!.Value, 1, 60);
        Assert.Equal("brake", sign.Order);
        Assert.NotNull(sign.FirstVisibleAt);
        // Seen in one frame, ordered 30 ms after the next one: a real frame interval (200 ms) + 30 ms, while simulated time
        // moved one frame (100 ms) and then stood still until the next frame.
        Assert.Equal(230, sign.ReactionMs);
        Assert.Equal(100, sign.ReactionSimMs);
        Assert.Empty(_world.Episode().FalseStops);
    }

    [Fact]
    public void A_stop_ordered_while_the_sign_was_under_12_px_but_glimpsed_is_the_sign_obeyed_without_a_reaction_time()
    {
        Episode((SignKind.Stop, 140));
        RunUntil(60, s => s.NextSignDistanceCm <= 90);

        // The controller acts from 10 px (about 89 cm): the sign is glimpsed at 9 px, the brake follows, and the train
        // stands before the sign without a frame ever showing it 12 px wide.
        _world.NoteSignGlimpsed("stop", _now);
        _world.NoteHubOrder(MotorPowerValues.Brake, _now + TimeSpan.FromMilliseconds(30));
        RunUntil(MotorPowerValues.Brake, s => s.SpeedCmPerS == 0);

        var episode = _world.Episode();
        var sign = Assert.Single(episode.Signs);
        Assert.True(sign.StoppedBeforeSign);
        Assert.Equal("brake", sign.Order);
        Assert.Null(sign.FirstVisibleAt);
        Assert.Null(sign.ReactionMs);
        Assert.Empty(episode.FalseStops);
    }

    [Fact]
    public void A_train_that_runs_through_the_stop_sign_missed_it_and_the_lap_ends_the_episode()
    {
        Episode((SignKind.Stop, 140));
        RunUntil(60, s => s.OdometerCm >= 303.5, "stop");

        var episode = _world.Episode();
        var sign = Assert.Single(episode.Signs);
        Assert.False(sign.StoppedBeforeSign);
        Assert.Null(sign.Order);
        Assert.NotNull(sign.PassedAt);
        Assert.True(episode.Ended);
        Assert.Equal("lap", episode.EndedBecause);
    }

    [Fact]
    public void A_standstill_with_no_sign_to_explain_it_is_a_false_stop()
    {
        Episode((SignKind.Stop, 250));
        RunUntil(60, s => s.PositionCm >= 60);
        RunUntil(MotorPowerValues.Brake, s => s.SpeedCmPerS == 0);

        var stop = Assert.Single(_world.Episode().FalseStops);
        Assert.Equal("stop", stop.NextSign);
        Assert.InRange(stop.NextSignDistanceCm!.Value, 150, 195);
        Assert.False(_world.Episode().Ended);
    }

    [Fact]
    public void A_stop_ordered_before_the_camera_saw_the_stop_sign_is_a_false_stop_however_close_and_the_sign_is_still_to_be_obeyed()
    {
        Episode((SignKind.Stop, 140));
        // A fail-safe stop 70 cm before the sign, where the camera does not see it yet: inside the 100 cm reach.
        RunUntil(60, s => s.NextSignDistanceCm <= 70);
        RunUntil(MotorPowerValues.Brake, s => s.SpeedCmPerS == 0);

        var early = _world.Episode();
        var falseStop = Assert.Single(early.FalseStops);
        Assert.Equal(("stop", "brake"), (falseStop.NextSign, falseStop.StopOrder));
        Assert.NotNull(falseStop.StopOrderAt);
        Assert.True(falseStop.StopOrderAt <= falseStop.At);
        var sign = Assert.Single(early.Signs);
        Assert.Null(sign.StoppedBeforeSign);
        Assert.Null(sign.Order);

        // The train comes back, sees the sign and stops for it: that standstill is the sign's.
        RunUntil(60, s => s.NextSignDistanceCm <= 40, "stop");
        RunUntil(MotorPowerValues.Brake, s => s.SpeedCmPerS == 0);

        var obeyed = Assert.Single(_world.Episode().Signs);
        Assert.True(obeyed.StoppedBeforeSign);
        Assert.Equal("brake", obeyed.Order);
        Assert.Single(_world.Episode().FalseStops);
    }

    [Fact]
    public void A_brake_that_lands_just_before_the_frame_showing_the_sign_is_not_the_sign_obeyed()
    {
        Episode((SignKind.Stop, 140));
        RunUntil(60, s => s.NextSignDistanceCm <= 60);

        // Simulated time stands still between frames: the brake and the first sight share it, the wall clock orders them.
        _world.NoteHubOrder(MotorPowerValues.Brake, _now + TimeSpan.FromMilliseconds(10));
        _world.NoteSignVisible("stop", 14, ++_frame, _now + TimeSpan.FromMilliseconds(20));
        RunUntil(MotorPowerValues.Brake, s => s.SpeedCmPerS == 0);

        var episode = _world.Episode();
        Assert.Null(Assert.Single(episode.Signs).StoppedBeforeSign);
        Assert.Equal("brake", Assert.Single(episode.FalseStops).StopOrder);
    }

    [Fact]
    public void Halting_before_a_no_entry_sign_ends_the_episode()
    {
        Episode((SignKind.NoEntry, 140));
        RunUntil(60, s => s.NextSignDistanceCm <= 40, "no_entry");
        RunUntil(MotorPowerValues.Brake, s => s.SpeedCmPerS == 0);

        var episode = _world.Episode();
        Assert.True(Assert.Single(episode.Signs).StoppedBeforeSign);
        Assert.Equal("halted-at-no-entry", episode.EndedBecause);
        Assert.Empty(episode.FalseStops);
    }

    [Fact]
    public void A_speed_limit_is_obeyed_when_the_hub_holds_at_most_its_power_at_the_sign_and_a_danger_sign_when_the_train_slows()
    {
        Episode((SignKind.SpeedLimit30, 140), (SignKind.Danger, 250));
        RunUntil(60, s => s.NextSignDistanceCm <= 40, "speed_limit_30");
        RunUntil(30, s => s.NextSign?.Kind == SignKind.Danger, "speed_limit_30");
        RunUntil(30, s => s.NextSignDistanceCm <= 40, "danger");
        RunUntil(30, s => s.OdometerCm >= 303.5, "danger");

        var signs = _world.Episode().Signs;
        var limit = signs.Single(s => s.Label == "speed_limit_30");
        Assert.True(limit.SpeedObeyed);
        Assert.Equal("power 30", limit.Order);
        Assert.Equal(Math.Round(new MotorModel().SteadySpeed(30), 2), limit.LimitSpeedCmPerS);
        var danger = signs.Single(s => s.Label == "danger");
        Assert.False(danger.Slowed);
        Assert.Null(danger.StoppedBeforeSign);
    }

    [Fact]
    public void A_new_episode_replaces_the_layout_the_signs_and_the_train()
    {
        _world.Reset(EpisodePlan.FromSeed(3), new MotorModel(), Start);

        var plan = EpisodePlan.FromSeed(3);
        var episode = _world.Episode();
        Assert.Equal(3, episode.Seed);
        Assert.Equal(plan.Layout, _world.Layout.Notation);
        Assert.Equal(plan.Signs.Count, episode.Signs.Count);
        Assert.Equal(plan.StartCm, _world.Snapshot().PositionCm, 6);
        Assert.Equal(0, _world.Snapshot().SpeedCmPerS);
        Assert.Contains(_world.Snapshot().Events, e => e.Kind == "episode");
    }
}
