using System.Text.Json;

namespace CrazyTrain.SignModel.Benchmarking;

/// <summary>What the <c>benchmark</c> verb prints and writes with <c>--output</c> (and build-model's latency.json).</summary>
public sealed record BenchmarkReport(
    MachineInfo Machine,
    BenchmarkedModel Model,
    string ExecutionProvider,
    int IntraOpThreads,
    BenchmarkImages Image,
    LatencyReport Latency,
    string MeasuredAt)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}

public sealed record MachineInfo(string Os, int Cpu, string Runtime);

public sealed record BenchmarkedModel(string Name, string Version, string File, string Input, int Anchors);

public sealed record BenchmarkImages(string Source, int Frames, long Bytes);

/// <summary>Milliseconds per stage over the measured frames, and managed bytes allocated per frame.</summary>
public sealed record LatencyReport(
    int Iterations,
    Stats TotalMs,
    Stats? TotalThreadCpuMs,
    Stats DecodeMs,
    Stats PreprocessMs,
    Stats InferenceMs,
    Stats PostprocessMs,
    long ManagedBytesAllocatedPerFrame)
{
    /// <summary>
    /// Per frame, everything after the image decode (preprocess + inference + box decoding): the model's own cost, what
    /// perception issue 14 bounds; a frame that arrives decoded (a camera's raw buffer) costs this.
    /// </summary>
    public required Stats ModelPathMs { get; init; }
}

public sealed record Stats(int Count, double Mean, double P50, double P90, double P99, double Max)
{
    public static Stats Of(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            return new Stats(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        var sorted = values.Order().ToArray();
        double Percentile(double p) => Math.Round(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)], 3);
        return new Stats(sorted.Length, Math.Round(sorted.Average(), 3), Percentile(0.50), Percentile(0.90), Percentile(0.99), Math.Round(sorted[^1], 3));
    }
}
