using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CrazyTrain.Controller.Orders;

/// <summary>
/// Orders that the broker has not confirmed yet. Degraded, never Unhealthy: the train is driven by the hub
/// commands, which went first; the record follows when the broker is back, and the operator API must stay up.
/// </summary>
internal sealed class OrderDeliveryHealthCheck(OrderOutbox outbox) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = outbox.Status;
        var data = new Dictionary<string, object>
        {
            ["waiting"] = status.Waiting,
            ["waitingSince"] = status.WaitingSince?.ToString("O", CultureInfo.InvariantCulture) ?? "",
            ["dropped"] = status.Dropped,
            ["unreadableJournalLines"] = status.UnreadableJournalLines,
        };
        if (status.Dropped > 0)
        {
            return Task.FromResult(HealthCheckResult.Degraded(
                $"{status.Dropped} orders were dropped after more than {OrderOutbox.WaitingLimit} waited for the broker; see the log.", data: data));
        }

        return Task.FromResult(status.LastError is { } error
            ? HealthCheckResult.Degraded($"{status.Waiting} orders waiting for train.orders since {status.WaitingSince:O}: {error}.", data: data)
            : HealthCheckResult.Healthy(status.Waiting == 0 ? "Every order is on train.orders." : $"{status.Waiting} orders on their way to train.orders.", data));
    }
}
