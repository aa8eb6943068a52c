using CrazyTrain.Controller.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CrazyTrain.Controller.Tests.Health;

public sealed class LoopLivenessCheckTests
{
    private readonly ManualTimeProvider _time = new();
    private readonly ControllerHeartbeats _beats;
    private readonly LoopLivenessCheck _check;

    public LoopLivenessCheckTests()
    {
        _beats = new ControllerHeartbeats(_time);
        _check = new LoopLivenessCheck(_beats, Options.Create(new HeartbeatOptions
        {
            PolicyLoop = TimeSpan.FromMilliseconds(600),
            HubDriver = TimeSpan.FromSeconds(5),
        }));
    }

    private HealthCheckResult Check() => _check.CheckHealthAsync(new HealthCheckContext()).GetAwaiter().GetResult();

    [Fact]
    public void Both_loops_beating_within_their_bounds_is_healthy()
    {
        for (var i = 0; i < 20; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(100));
            _beats.Policy.Beat();
            _beats.HubDriver.Beat();
        }

        var result = Check();

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal(0d, result.Data["policy loop"]);
    }

    [Fact]
    public void A_policy_loop_silent_past_its_bound_is_unhealthy_and_named()
    {
        _time.Advance(TimeSpan.FromMilliseconds(500));
        _beats.HubDriver.Beat();
        Assert.Equal(HealthStatus.Healthy, Check().Status);

        _time.Advance(TimeSpan.FromMilliseconds(200));
        _beats.HubDriver.Beat();
        var result = Check();

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("policy loop last turned 700 ms ago (bound 600 ms)", result.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("hub driver", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hub_driver_waiting_on_the_hub_is_tolerated_up_to_its_own_bound()
    {
        for (var i = 0; i < 49; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(100));
            _beats.Policy.Beat();
        }

        Assert.Equal(HealthStatus.Healthy, Check().Status);

        _time.Advance(TimeSpan.FromMilliseconds(200));
        _beats.Policy.Beat();
        var result = Check();

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("hub driver last turned 5100 ms ago", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_beat_after_a_stall_makes_it_healthy_again()
    {
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(HealthStatus.Unhealthy, Check().Status);

        _beats.Policy.Beat();
        _beats.HubDriver.Beat();

        Assert.Equal(HealthStatus.Healthy, Check().Status);
    }
}
