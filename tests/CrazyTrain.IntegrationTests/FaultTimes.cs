using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CrazyTrain.IntegrationTests;

/// <summary>One fault: when it was injected, and after how long the twin's hub stopped the motor and the train stood.</summary>
public sealed record FaultTime(string Fault, DateTimeOffset InjectedAt, double? MotorStoppedMs, string? MotorEvent, double? StandstillMs)
{
    /// <summary>When the hub guard decided to cut the link (its health's <c>lastCutAt</c>), for the faults it handles.</summary>
    public double? GuardCutMs { get; init; }
}

/// <summary>
/// Keeps the fault suite's measurements and writes them as <c>fault-times.json</c> and <c>fault-times.md</c> (the table
/// docs/safety.md copies). Measured, not asserted: the suite asserts the safe state, never a duration.
/// </summary>
public sealed class FaultTimes(string folder)
{
    private readonly List<FaultTime> _times = [];

    public string Folder => folder;

    public void Record(FaultTime time)
    {
        lock (_times)
        {
            _times.RemoveAll(t => t.Fault == time.Fault);
            _times.Add(time);
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "fault-times.json"), JsonSerializer.Serialize(_times, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
            File.WriteAllText(Path.Combine(folder, "fault-times.md"), Table(_times));
        }
    }

    /// <summary>Adds the guard's cut time to a fault already recorded.</summary>
    public void RecordGuardCut(string fault, double milliseconds)
    {
        FaultTime? time;
        lock (_times)
        {
            time = _times.LastOrDefault(t => t.Fault == fault);
        }

        if (time is not null)
        {
            Record(time with { GuardCutMs = milliseconds });
        }
    }

    private static string Table(IEnumerable<FaultTime> times)
    {
        var table = new StringBuilder()
            .AppendLine($"Machine: {Environment.MachineName}, {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}")
            .AppendLine()
            .AppendLine("| fault | injected (UTC) | guard cut the link after | motor stopped after (twin) | how | train standing after |")
            .AppendLine("|---|---|---|---|---|---|");
        foreach (var t in times)
        {
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {t.Fault} | {t.InjectedAt:HH:mm:ss.fff} | {Ms(t.GuardCutMs)} | {Ms(t.MotorStoppedMs)} | {t.MotorEvent ?? "-"} | {Ms(t.StandstillMs)} |");
        }

        return table.ToString();
    }

    private static string Ms(double? ms) => ms is { } value ? $"{value.ToString("0", CultureInfo.InvariantCulture)} ms" : "-";
}
