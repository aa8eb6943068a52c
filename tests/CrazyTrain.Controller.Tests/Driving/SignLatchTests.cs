using CrazyTrain.Controller.Driving;
using CrazyTrain.Signs;

namespace CrazyTrain.Controller.Tests.Driving;

/// <summary>
/// The latch after a sign: only a sign the train obeyed latches, so one it could not obey (idle, already stopped for
/// another) never blocks the next sign, and the cooldown counts from obeying, not from the end of the hold.
/// </summary>
public class SignLatchTests
{
    private static readonly (string, double) Stop = (SignCatalogue.Stop.Label, 0.9);
    private static readonly (string, double) Danger = (SignCatalogue.Danger.Label, 0.85);
    private static readonly (string, double) Limit30 = (SignCatalogue.SpeedLimit30.Label, 0.7);

    [Fact]
    public void A_stop_sign_seen_while_idle_does_not_block_the_next_one_after_the_start()
    {
        var rig = new PolicyRig(o => o.Cooldown = TimeSpan.FromSeconds(5));
        rig.Frames(2);

        var whileIdle = rig.Frames(3, Stop);
        rig.Frames(3);
        Assert.True(rig.Policy.Start().Accepted);
        var next = rig.Frames(3, Stop); // 0.6 s after the idle sighting confirmed: well within the cooldown

        Assert.Empty(whileIdle);
        Assert.Equal(OrderAction.Stop, Assert.Single(next).Action);
    }

    [Fact]
    public void A_danger_sign_confirmed_while_the_train_holds_at_a_stop_is_obeyed_when_the_hold_ends()
    {
        var rig = new PolicyRig(o => o.StopHold = TimeSpan.FromSeconds(3)).Started();

        var orders = rig.Frames(3, Stop);
        orders.AddRange(rig.Frames(35, Stop, Danger));

        Assert.Equal([OrderAction.Stop, OrderAction.Resume, OrderAction.Danger], orders.Select(o => o.Action));
        Assert.Equal(DrivingState.DangerPause, rig.Snapshot.State);
    }

    [Fact]
    public void A_speed_limit_seen_during_an_emergency_stop_caps_the_train_once_an_operator_resumes()
    {
        var rig = new PolicyRig().Started();
        rig.Policy.EmergencyStop();

        var meanwhile = rig.Frames(5, Limit30);
        var resume = Assert.Single(rig.Policy.Resume().Orders);
        var limit = Assert.Single(rig.Frame(Limit30));

        Assert.Empty(meanwhile);
        Assert.Equal((OrderAction.Resume, 60), (resume.Action, resume.Power));
        Assert.Equal((OrderAction.Limit, 30), (limit.Action, limit.Power));
    }

    [Fact]
    public void The_cooldown_counts_from_the_stop_so_the_next_stop_sign_acts_soon_after_the_hold()
    {
        var rig = new PolicyRig(o => { o.Cooldown = TimeSpan.FromSeconds(5); o.StopHold = TimeSpan.FromSeconds(3); }).Started();
        var stop = Assert.Single(rig.Frames(3, Stop));

        // The sign stays in view through the hold, the train moves on and passes it; the next STOP sign comes into
        // view 5.2 s after the first one acted, only 2.2 s after the train moved again.
        var hold = rig.Frames(30, Stop);
        rig.Frames(21);
        var next = rig.Frames(3, Stop);

        Assert.Equal(OrderAction.Resume, Assert.Single(hold).Action);
        var second = Assert.Single(next);
        Assert.Equal(OrderAction.Stop, second.Action);
        Assert.True(second.Time - stop.Time < rig.Options.StopHold + rig.Options.Cooldown);
    }
}
