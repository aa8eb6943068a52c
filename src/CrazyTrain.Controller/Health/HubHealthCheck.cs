using CrazyTrain.LegoWireless.Client;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CrazyTrain.Controller.Health;

/// <summary>
/// Reports the hub link. A lost hub is Degraded, not Unhealthy: the controller must stay reachable so an
/// operator can see why and act, and the hub client keeps reconnecting by itself.
/// </summary>
internal sealed class HubHealthCheck(HubClient hub) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = hub.Status;
        var data = new Dictionary<string, object>
        {
            ["link"] = hub.LinkDescription,
            ["state"] = status.State.ToString(),
            ["battery"] = status.BatteryPercent ?? -1,
            ["motorPower"] = status.MotorPower ?? int.MinValue,
            ["reconnects"] = hub.Counters.Reconnects,
        };
        if (!status.Connected)
        {
            return Task.FromResult(HealthCheckResult.Degraded(
                $"Hub not connected through {hub.LinkDescription}: {status.LastError ?? status.State.ToString()}.", data: data));
        }

        if (status.LowVoltage)
        {
            return Task.FromResult(HealthCheckResult.Degraded($"Hub '{status.Name}' reports low battery voltage ({status.BatteryPercent} %).", data: data));
        }

        return Task.FromResult(HealthCheckResult.Healthy($"Hub '{status.Name}' connected, battery {status.BatteryPercent} %.", data));
    }
}
