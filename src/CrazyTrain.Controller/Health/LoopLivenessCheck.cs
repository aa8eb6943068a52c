using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CrazyTrain.Controller.Health;

/// <summary>
/// Liveness (<c>/alive</c>): Unhealthy when the policy loop or the hub driver has not turned within its bound. The
/// hub guard and the cluster's liveness probe read it; a stalled controller is then cut off from the hub and restarted.
/// </summary>
internal sealed class LoopLivenessCheck(ControllerHeartbeats heartbeats, IOptions<HeartbeatOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var bounds = options.Value;
        (Heartbeat Beat, TimeSpan Bound)[] loops = [(heartbeats.Policy, bounds.PolicyLoop), (heartbeats.HubDriver, bounds.HubDriver)];
        var data = loops.ToDictionary(l => l.Beat.Loop, l => (object)Math.Round(l.Beat.Age.TotalMilliseconds));
        var stalled = loops.Where(l => l.Beat.Age > l.Bound)
            .Select(l => $"the {l.Beat.Loop} last turned {l.Beat.Age.TotalMilliseconds:0} ms ago (bound {l.Bound.TotalMilliseconds:0} ms)")
            .ToList();
        return Task.FromResult(stalled.Count == 0
            ? HealthCheckResult.Healthy("The policy loop and the hub driver turn.", data)
            : HealthCheckResult.Unhealthy($"Stalled: {string.Join("; ", stalled)}.", data: data));
    }
}
