using System.ComponentModel.DataAnnotations;
using CrazyTrain.SignModel.Metadata;
using CrazyTrain.SignModel.Runtime;

namespace CrazyTrain.Inference.Hosting;

/// <summary>The <c>Inference</c> configuration section.</summary>
public sealed class InferenceOptions : IValidatableObject
{
    public const string SectionName = "Inference";

    public const string DefaultModelPath = ModelLocator.DefaultModelPath;

    /// <summary>The ONNX file; relative paths are looked up from the working directory and the app's folders upwards.</summary>
    [Required]
    public string ModelPath { get; set; } = DefaultModelPath;

    /// <summary>Tried in order; the first that loads wins (e.g. TensorRT, CUDA, CPU).</summary>
    public string[]? ExecutionProviders { get; set; }

    [Range(1, 64)]
    public int IntraOpThreads { get; set; } = 1;

    /// <summary>A frame older than this when the detector is free is skipped: the train has moved on.</summary>
    public TimeSpan MaxFrameAge { get; set; } = TimeSpan.FromMilliseconds(500);

    [Range(1024, 256 * 1024 * 1024)]
    public int MaxImageBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Overrides the model's own operating threshold when set.</summary>
    [Range(0.0, 1.0)]
    public float? Threshold { get; set; }

    /// <summary>Consume <c>train.frames</c> and publish <c>train.detections</c>; false serves the HTTP API alone.</summary>
    public bool ConsumeFrames { get; set; } = true;

    /// <summary>Watch <see cref="ModelPath"/> and swap in a new valid file without a restart.</summary>
    public bool WatchModel { get; set; } = true;

    /// <summary>Polling backs up the file-system watcher, which misses some replacements (network mounts, ConfigMaps).</summary>
    public TimeSpan ModelPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    public IReadOnlyList<string> EffectiveExecutionProviders =>
        ExecutionProviders is { Length: > 0 } providers ? providers : ["TensorRT", "CUDA", "CPU"];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var unknown = EffectiveExecutionProviders
            .Where(p => !ExecutionProviderChain.Known.Contains(p, StringComparer.OrdinalIgnoreCase))
            .ToList();
        if (unknown.Count > 0)
        {
            yield return new ValidationResult(
                $"Inference:ExecutionProviders has unknown '{string.Join("', '", unknown)}'; use {string.Join(", ", ExecutionProviderChain.Known)}.",
                [nameof(ExecutionProviders)]);
        }

        if (MaxFrameAge <= TimeSpan.Zero)
        {
            yield return new ValidationResult("Inference:MaxFrameAge must be positive.", [nameof(MaxFrameAge)]);
        }

        if (ModelPollInterval < TimeSpan.FromMilliseconds(100))
        {
            yield return new ValidationResult("Inference:ModelPollInterval must be at least 100 ms.", [nameof(ModelPollInterval)]);
        }
    }
}
