using CrazyTrain.HubGuard.Watching;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CrazyTrain.HubGuard;

/// <summary>
/// The guard's own readiness: Healthy while the controller beats, Degraded while the guard holds the link cut (it
/// does its job: the train is stopped because the controller is not there), Unhealthy when a cut failed.
/// </summary>
internal sealed class GuardHealthCheck(DeadMan deadMan, DeadManGuard guard) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var state = deadMan.State;
        var data = new Dictionary<string, object>
        {
            ["sinceBeatMs"] = Math.Round(state.SinceBeat.TotalMilliseconds),
            ["linkCut"] = state.LinkCut,
            ["cuts"] = state.Cuts,
            ["lastMiss"] = state.LastMiss ?? "",
            ["cutSince"] = state.CutSince?.ToString("O") ?? "",
            ["lastCutAt"] = state.LastCutAt?.ToString("O") ?? "",
            ["lastCutOutcome"] = guard.LastCutOutcome ?? "",
        };
        if (guard.LastCutFailure is { } failure)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"The guard could not cut the hub's link: {failure}.", data: data));
        }

        return Task.FromResult(state.LinkCut
            ? HealthCheckResult.Degraded($"The controller is silent ({state.LastMiss}); the hub's link is held cut.", data: data)
            : HealthCheckResult.Healthy("The controller beats.", data));
    }
}
