namespace CrazyTrain.Controller.Safety;

/// <summary>
/// An emergency stop that outlives the process: when it was pressed, by whom, and whether this process found it
/// on disk at start (a restart that came back stopped) rather than seeing it pressed.
/// </summary>
public sealed record LatchRecord(DateTimeOffset EngagedAt, string By, bool RestoredAtStart = false, string? Note = null);
