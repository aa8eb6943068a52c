namespace CrazyTrain.Console.State;

public enum StreamState
{
    /// <summary>Frames arrive: the last one is younger than the stall limit.</summary>
    Live,

    /// <summary>Frames came, or should come, but none did within the stall limit.</summary>
    Stalled,

    /// <summary>The path frames take is broken: the broker or the capture service does not answer.</summary>
    Down,
}

/// <summary>What the page shows in its status badge: the state, the most likely reason, and other things amiss.</summary>
public sealed record StreamStatus(StreamState State, string? Reason, IReadOnlyList<string> Warnings)
{
    public bool SameAs(StreamStatus other) =>
        State == other.State && Reason == other.Reason && Warnings.SequenceEqual(other.Warnings);
}

/// <summary>Everything the stream status is judged from, at one instant.</summary>
public sealed record StreamInputs(
    DateTimeOffset Now,
    TimeSpan StallAfter,
    DateTimeOffset? LastFrameAt,
    DateTimeOffset? LastDetectionsAt,
    ServiceStatus Broker,
    ServiceStatus Capture,
    ServiceStatus Model,
    ServiceStatus Train);
