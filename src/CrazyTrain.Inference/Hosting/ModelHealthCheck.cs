using CrazyTrain.Inference.Detections;
using CrazyTrain.SignModel.Runtime;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CrazyTrain.Inference.Hosting;

/// <summary>
/// Ready once a model is loaded; reports which one and on which execution provider. Degraded, still serving, when
/// the last hot swap was refused (the file on disk is not what runs) or when a GPU provider was configured and the
/// model runs on the CPU anyway (slower: frames go stale and the controller's freshness suffers). The fallback counts
/// only in Hardware mode, where the edge box has its GPU: a developer's laptop in Simulation has none, runs the model
/// on the CPU as intended and stays healthy (the fallback is still in the report's data). Unhealthy when the model
/// loaded at start failed the hot-swap checks (<see cref="SignDetector.Unfit"/>).
/// </summary>
public sealed class ModelHealthCheck(SignDetector detector, ModelSwapStatus swaps, ExecutionProviderChain providers, IOptions<TrainModeOptions> mode) : IHealthCheck
{
    private const string Cpu = "CPU";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var runtime = detector.Current;
        var running = $"{runtime.Identity.Name} {runtime.Identity.Version} on {runtime.Model.ExecutionProvider}";
        var data = new Dictionary<string, object>
        {
            ["model"] = runtime.Identity.Name,
            ["version"] = runtime.Identity.Version,
            ["executionProvider"] = runtime.Model.ExecutionProvider,
            ["file"] = runtime.Model.FilePath,
        };

        if (detector.Unfit is { } unfit)
        {
            // Not Degraded: this model would drive the train blind, so no frame is detected with it at all.
            data["unfit"] = unfit;
            return Task.FromResult(HealthCheckResult.Unhealthy(
                $"{running} failed the checks at start and detects no live frames: {unfit}. Replace the model file with one that passes.",
                data: data));
        }

        var problems = new List<string>();
        if (swaps.Refused is { } refused)
        {
            data["refusedSwap"] = refused.Reason;
            data["refusedAt"] = refused.At;
            problems.Add($"a new model was refused at {refused.At:u} and the previous one kept: {refused.Reason}");
        }

        // The GPU providers listed before the CPU: they were preferred and could not run it.
        var gpus = providers.Providers.TakeWhile(p => p != Cpu).ToList();
        if (runtime.Model.ExecutionProvider == Cpu && gpus.Count > 0)
        {
            data["fallback"] = $"{string.Join(", ", gpus)} -> {Cpu}";
            if (mode.Value.Mode == TrainMode.Hardware)
            {
                problems.Add($"running on the CPU although {string.Join(" and ", gpus)} is configured (GPU unavailable)");
            }
        }

        return Task.FromResult(problems.Count == 0
            ? HealthCheckResult.Healthy(running, data)
            : HealthCheckResult.Degraded($"{running}; {string.Join("; ", problems)}", data: data));
    }
}
