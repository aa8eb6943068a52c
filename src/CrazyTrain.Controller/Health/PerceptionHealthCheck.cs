using CrazyTrain.Controller.Perception;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CrazyTrain.Controller.Health;

/// <summary>
/// Reports whether detections are fresh (by capture time and rate); when they are not the train is held stopped,
/// and this says why. Fresh perception with many labels the catalogue does not know is Degraded too: the model
/// and the policy disagree on names, and the train may be blind to a sign it should obey.
/// </summary>
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
            ["staleFrames"] = snapshot.Counters.StaleFrames,
            ["futureFrames"] = snapshot.Counters.FutureFrames,
            ["farSightings"] = snapshot.Counters.FarSightings,
            ["unknownLabels"] = snapshot.Counters.UnknownLabels,
            ["unknownLabelShare"] = Math.Round(snapshot.UnknownLabelShare, 3),
        };
        if (!snapshot.PerceptionFresh)
        {
            return Task.FromResult(HealthCheckResult.Degraded(
                snapshot.FailSafeReason is { } reason
                    ? $"Fail-safe stop: {reason}."
                    : snapshot.LastFrameId is null ? "No fresh detections received yet." : $"Detections are not fresh (last frame {snapshot.LastFrameId}).",
                data: data));
        }

        return Task.FromResult(snapshot.UnknownLabelShare > UnknownLabelRate.DegradedAbove
            ? HealthCheckResult.Degraded(
                $"{snapshot.UnknownLabelShare:P0} of the last {UnknownLabelRate.WindowFrames} frames carry labels the sign catalogue does not know: "
                + "the model and the driving rules disagree on sign names.",
                data: data)
            : HealthCheckResult.Healthy($"Detections are fresh (last frame {snapshot.LastFrameId}).", data));
    }
}
