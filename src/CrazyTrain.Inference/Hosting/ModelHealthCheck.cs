using CrazyTrain.Inference.Detections;
using CrazyTrain.SignModel.Detections;
using CrazyTrain.SignModel.Runtime;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CrazyTrain.Inference.Hosting;

/// <summary>Ready once a model is loaded; reports which one and on which execution provider.</summary>
public sealed class ModelHealthCheck(SignDetector detector) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var runtime = detector.Current;
        var data = new Dictionary<string, object>
        {
            ["model"] = runtime.Identity.Name,
            ["version"] = runtime.Identity.Version,
            ["executionProvider"] = runtime.Model.ExecutionProvider,
            ["file"] = runtime.Model.FilePath,
        };
        return Task.FromResult(HealthCheckResult.Healthy($"{runtime.Identity.Name} {runtime.Identity.Version} on {runtime.Model.ExecutionProvider}", data));
    }
}
