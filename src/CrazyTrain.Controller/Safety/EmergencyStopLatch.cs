using System.Text.Json;
using Microsoft.Extensions.Options;

namespace CrazyTrain.Controller.Safety;

/// <summary>
/// The emergency stop written to <c>{StateFolder}/emergency-stop.json</c> while it holds, so a controller that
/// restarts (crash, redeploy, power cut) comes back stopped and says why. The file exists exactly while the
/// train waits for an operator's resume; an unreadable file counts as an engaged latch: when in doubt, stop.
/// </summary>
public sealed partial class EmergencyStopLatch(IOptions<ControllerOptions> options, TimeProvider time, ILogger<EmergencyStopLatch> logger)
{
    public const string FileName = "emergency-stop.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly Lock _gate = new();

    public string FilePath => Path.Combine(options.Value.StateFolder!, FileName);

    /// <summary>The latch as this process knows it; null while no emergency stop holds.</summary>
    public LatchRecord? Current { get; private set; }

    /// <summary>
    /// Writes the latch durably (temporary file, flush to disk, rename). Never throws: the stop itself has already
    /// reached the policy and the hub; a disk that refuses only loses the memory of it, which is logged and returned.
    /// </summary>
    public string? Engage(string by)
    {
        lock (_gate)
        {
            var record = new LatchRecord(time.GetUtcNow(), by);
            Current = record;
            try
            {
                Directory.CreateDirectory(options.Value.StateFolder!);
                var temporary = FilePath + ".tmp";
                using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
                {
                    JsonSerializer.Serialize(file, new { record.EngagedAt, record.By }, Json);
                    file.Flush(flushToDisk: true);
                }

                File.Move(temporary, FilePath, overwrite: true);
                return null;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                LogNotSaved(e, FilePath);
                return $"the latch could not be saved to {FilePath} ({e.Message}): a restart would forget this stop";
            }
        }
    }

    /// <summary>Removes the latch after an operator's accepted resume. A file that cannot be removed keeps the train stopped after a restart: logged, not fatal.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            Current = null;
            try
            {
                File.Delete(FilePath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                LogNotCleared(e, FilePath);
            }
        }
    }

    /// <summary>Reads the latch left by an earlier process, or null when there is none.</summary>
    public LatchRecord? Load()
    {
        lock (_gate)
        {
            if (!File.Exists(FilePath))
            {
                return null;
            }

            try
            {
                var saved = JsonSerializer.Deserialize<LatchRecord>(File.ReadAllText(FilePath), Json);
                Current = saved is { By: not null } ? saved with { RestoredAtStart = true } : Unreadable("it holds no emergency stop record");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
            {
                Current = Unreadable(e.Message);
            }

            return Current;
        }
    }

    private LatchRecord Unreadable(string why) =>
        new(File.GetLastWriteTimeUtc(FilePath), "unknown", RestoredAtStart: true, Note: $"{FilePath} is unreadable ({why}); treated as engaged");

    [LoggerMessage(Level = LogLevel.Error, Message = "Emergency stop latch not saved to {Path}: a restart would forget this stop")]
    private partial void LogNotSaved(Exception exception, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Emergency stop latch {Path} could not be removed: the next start comes back stopped")]
    private partial void LogNotCleared(Exception exception, string path);
}
