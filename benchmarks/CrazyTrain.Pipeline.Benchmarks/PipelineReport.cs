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
    IReadOnlyDictionary<string, double?> MemoryGrowthAfterFirstMinutePercent,
    ReactionSummary? SignToHubCommand,
    SignBreakdown? SignToHubCommandSteps,
    IReadOnlyList<LagSample> Lag,
    SoakVerdict? Soak)
{
    public static PipelineReport From(
        DateTimeOffset startedAt,
        string loadAverage,
        PipelineArguments arguments,
        double measuredSeconds,
        LedgerSummary summary,
        IReadOnlyList<MemorySample> memory,
        IReadOnlyList<LagSample>? lag = null,
        ReactionSummary? reactions = null,
        SignBreakdown? steps = null) =>
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
                group => group.Key, group => arguments.Soak ? SoakVerdict.GrowthAfterFirstMinute(group.Select(s => (s.Seconds, (double?)s.ResidentMiB))) : null, StringComparer.Ordinal),
            reactions,
            steps,
            lag ?? [],
            arguments.Soak ? SoakVerdict.Judge(memory, lag ?? []) : null);

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

        if (SignToHubCommand is { } reactions)
        {
            var r = reactions.ReactionMs;
            output.WriteLine(reactions.Note is { } note
                ? $"first frame with a sign >= 12 px -> hub command: not measured ({note})"
                : string.Create(c, $"first frame with a sign >= 12 px -> hub command: {reactions.Reacted} of {reactions.SignsVisible} signs answered within {SignReactions.ReactionWindow.TotalSeconds:0} s, p50 {r.P50:0} / p95 {r.P95:0} / max {r.Max:0} ms"));
        }

        if (SignToHubCommandSteps is { } steps)
        {
            foreach (var (step, p) in steps.StepsMs)
            {
                output.WriteLine(string.Create(c, $"  {step,-38} {p.Count,6} {p.P50,8:0.0} {p.P95,8:0.0} {p.P99,8:0.0} {p.Max,8:0.0}"));
            }

            output.WriteLine("  frames to the first detection / first detection to the confirming frame, per sign: "
                + string.Join(", ", steps.Signs.Select(s => $"{s.Label} {s.FramesToFirstDetection?.ToString(c) ?? "?"}/{s.FramesToConfirm?.ToString(c) ?? "?"}")));
            foreach (var d in steps.Debounce)
            {
                output.WriteLine(string.Create(c, $"  replayed {d.K} of {d.N}: first >= 12 px frame -> confirming frame p50 {d.VisibleToConfirmingMs.P50:0} / p95 {d.VisibleToConfirmingMs.P95:0} ms, {d.SignsNotConfirmed} signs not confirmed, {d.UnexplainedConfirmations} unexplained confirmations ({string.Join(", ", d.UnexplainedByLabel.Select(u => $"{u.Key} {u.Value}"))})"));
            }
        }

        foreach (var group in Memory.GroupBy(sample => sample.Service))
        {
            var heaps = group.Any(sample => sample.GcHeapMiB is not null)
                ? $", GC heap {string.Join(" ", group.Select(sample => sample.GcHeapMiB?.ToString("0", c) ?? "?"))} MiB"
                    + $", after the last collection {string.Join(" ", group.Select(sample => sample.GcHeapAfterLastCollectionMiB?.ToString("0", c) ?? "?"))} MiB"
                : "";
            output.WriteLine(string.Create(c, $"{group.Key}: resident {string.Join(" ", group.Select(sample => $"{sample.ResidentMiB:0}"))} MiB{heaps}, last minute's peak against the second minute's {MemoryGrowthAfterFirstMinutePercent[group.Key]?.ToString("+0.0;-0.0", c) ?? "n/a"} %"));
            foreach (var sample in new[] { group.First(), group.Last() })
            {
                if (sample.Breakdown is { } b)
                {
                    output.WriteLine(string.Create(c, $"  at {sample.Seconds:0} s: GC committed {sample.GcCommittedMiB?.ToString("0.0", c) ?? "?"}, malloc arenas {b.MallocArenasMiB:0.0} ({b.MallocArenas}), main heap {b.MainHeapMiB:0.0}, code {b.CodeMiB:0.0}, files {b.FilesMiB:0.0}, other anonymous {b.OtherAnonymousMiB:0.0} MiB"));
                }
            }
        }

        foreach (var group in Lag.GroupBy(sample => $"{sample.Group} on {sample.Topic}"))
        {
            output.WriteLine($"lag of {group.Key}: {string.Join(" ", group.Select(sample => sample.Lag))} messages");
        }

        if (Soak is { } soak)
        {
            output.WriteLine($"soak: {(soak.Passed ? "PASS" : "FAIL")} ({string.Join("; ", soak.Reasons)})");
        }
    }
}
