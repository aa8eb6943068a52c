using System.Globalization;
using System.Text.Json;

namespace CrazyTrain.Pipeline.Benchmarks;

/// <summary>What one run measured, printed as a table and written as JSON.</summary>
internal sealed record PipelineReport(
    DateTimeOffset StartedAt,
    string Machine,
    string LoadAverage,
    PipelineArguments Arguments,
    double MeasuredSeconds,
    long FramesCaptured,
    long FramesPublished,
    long FramesProcessed,
    long FramesSkipped,
    double SkippedPercent,
    IReadOnlyDictionary<string, Percentiles> StagesMs,
    IReadOnlyList<MemorySample> Memory,
    IReadOnlyDictionary<string, double?> MemoryGrowthAfterFirstMinutePercent)
{
    public static PipelineReport From(
        DateTimeOffset startedAt, string loadAverage, PipelineArguments arguments, double measuredSeconds, LedgerSummary summary, IReadOnlyList<MemorySample> memory) =>
        new(
            startedAt,
            $"{Environment.MachineName}, {Environment.ProcessorCount} cores",
            loadAverage,
            arguments,
            Math.Round(measuredSeconds, 1),
            summary.FramesCaptured,
            summary.FramesPublished,
            summary.FramesProcessed,
            summary.FramesSkipped,
            summary.FramesPublished == 0 ? 0 : Math.Round(100.0 * summary.FramesSkipped / summary.FramesPublished, 2),
            FrameLedger.Stages.ToDictionary(stage => stage, stage => Percentiles.Of(summary.Samples[stage]), StringComparer.Ordinal),
            memory,
            memory.GroupBy(sample => sample.Service).ToDictionary(
                group => group.Key, group => arguments.Soak ? GrowthAfterFirstMinute(group.ToList()) : null, StringComparer.Ordinal));

    /// <summary>Largest resident size after the first minute against the first sample after it, in % (soak only: a short run has too few samples).</summary>
    private static double? GrowthAfterFirstMinute(List<MemorySample> samples)
    {
        var settled = samples.Where(sample => sample.Seconds >= 60).ToList();
        return settled.Count < 2 ? null : Math.Round(100 * (settled.Max(sample => sample.ResidentMiB) - settled[0].ResidentMiB) / settled[0].ResidentMiB, 1);
    }

    public string ToJson() => JsonSerializer.Serialize(this, new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // "capture -> frame produced" stays readable in the file.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    });

    public void Print(TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"{Machine}, load average {LoadAverage}; {Arguments.Fps} frames/s for {MeasuredSeconds} s"));
        output.WriteLine(string.Create(c, $"frames captured {FramesCaptured}, published {FramesPublished}, processed {FramesProcessed}, skipped {FramesSkipped} ({SkippedPercent} %)"));
        output.WriteLine(string.Create(c, $"{"stage (ms)",-40} {"n",6} {"p50",8} {"p95",8} {"p99",8} {"max",8}"));
        foreach (var (stage, p) in StagesMs)
        {
            output.WriteLine(string.Create(c, $"{stage,-40} {p.Count,6} {p.P50,8:0.0} {p.P95,8:0.0} {p.P99,8:0.0} {p.Max,8:0.0}"));
        }

        foreach (var group in Memory.GroupBy(sample => sample.Service))
        {
            output.WriteLine(string.Create(c, $"{group.Key}: resident {string.Join(" ", group.Select(sample => $"{sample.ResidentMiB:0}"))} MiB, growth after the first minute {MemoryGrowthAfterFirstMinutePercent[group.Key]?.ToString("0.0", c) ?? "n/a"} %"));
        }
    }
}
