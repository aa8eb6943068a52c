using CrazyTrain.Controller.Driving;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CrazyTrain.Controller.Health;

/// <summary>Reports whether detections are fresh; when they are not the train is held stopped, and this says why.</summary>
internal sealed class PerceptionHealthCheck(TrainController controller) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = controller.Policy.Snapshot;
        var data = new Dictionary<string, object>
        {
            ["state"] = snapshot.State.ToString(),
            ["lastFrameId"] = snapshot.LastFrameId ?? -1,
            ["malformed"] = snapshot.Counters.MalformedMessages,
            ["outOfOrder"] = snapshot.Counters.OutOfOrderFrames,
            ["duplicates"] = snapshot.Counters.DuplicateFrames,
        };
        return Task.FromResult(snapshot.PerceptionFresh
            ? HealthCheckResult.Healthy($"Detections are fresh (last frame {snapshot.LastFrameId}).", data)
            : HealthCheckResult.Degraded(
                snapshot.FailSafeReason is { } reason
                    ? $"Fail-safe stop: {reason}."
                    : snapshot.LastFrameId is null ? "No detections received yet." : $"Detections are stale (last frame {snapshot.LastFrameId}).",
                data: data));
    }
}
