using CrazyTrain.Capture.Options;
using CrazyTrain.Capture.Status;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CrazyTrain.Capture.Health;

/// <summary>
/// Healthy while frames flow; Degraded while stopped, while frames stall (e.g. the broker takes none), or while
/// a failing source is being retried; Unhealthy
/// once it has failed for longer than <see cref="CaptureOptions.UnhealthyAfter"/>. Never tagged <c>live</c>:
/// restarting the process does not bring back an unplugged camera.
/// </summary>
internal sealed class CaptureHealthCheck(CaptureService capture, IOptions<CaptureOptions> options, TimeProvider time) : IHealthCheck
{
    public const string Name = "capture";


    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = capture.GetStatus();
        var data = new Dictionary<string, object>
        {
            ["source"] = status.Source,
            ["state"] = status.State.ToString(),
            ["measuredFps"] = status.MeasuredFps,
            ["framesPublished"] = status.FramesPublished,
            ["framesDropped"] = status.FramesDropped,
        };

        var result = status.State switch
        {
            CaptureState.Running when Stalled(status) is { } silence => HealthCheckResult.Degraded(
                $"Capturing from {status.Source}, but no frame was published for {silence.TotalSeconds:0} s: {status.LastError ?? "no error reported"}",
                data: data),
            CaptureState.Running => HealthCheckResult.Healthy($"Capturing from {status.Source}.", data),
            CaptureState.Starting => HealthCheckResult.Degraded($"Opening {status.Source}.", data: data),
            CaptureState.Stopped => HealthCheckResult.Degraded(
                status.LastError ?? "Capture is stopped; POST /api/capture/start resumes it.", data: data),
            _ when status.FailingSince is { } since && time.GetUtcNow() - since > options.Value.UnhealthyAfter =>
                HealthCheckResult.Unhealthy($"{status.LastError} (failing since {since:O}; retrying)", data: data),
            _ => HealthCheckResult.Degraded($"{status.LastError} (retrying at {status.NextRetryAt:O})", data: data),
        };
        return Task.FromResult(result);
    }

    /// <summary>
    /// How long a running capture has published nothing, when that is longer than <see cref="CaptureOptions.StallAfter"/> or
    /// three frame periods (the source delivers, but frames do not reach Kafka, or never leave the source).
    /// </summary>
    private TimeSpan? Stalled(CaptureStatus status)
    {
        var lastSign = status.LastPublishedAt is { } published && published > status.RunningSince ? published : status.RunningSince;
        if (lastSign is null)
        {
            return null;
        }

        var silence = time.GetUtcNow() - lastSign.Value;
        var periods = status.TargetFps is > 0 ? TimeSpan.FromSeconds(3 / status.TargetFps.Value) : TimeSpan.Zero;
        var stallAfter = options.Value.StallAfter;
        return silence > (periods > stallAfter ? periods : stallAfter) ? silence : null;
    }
}
