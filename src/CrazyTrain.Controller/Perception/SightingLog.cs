namespace CrazyTrain.Controller.Perception;

/// <summary>What the controller made of one detection of a known sign; written kebab-case in JSON (<c>out-of-order</c>).</summary>
public enum SightingVerdict
{
    /// <summary>Below <c>MinConfidence</c>.</summary>
    UnderMinConfidence,

    /// <summary>Narrower than the near-sign gate.</summary>
    Far,

    /// <summary>Near, in the K-of-N window, not yet confirmed.</summary>
    Counted,

    /// <summary>Handed to the driving rules with this frame.</summary>
    Confirmed,

    /// <summary>Near, but the sign was obeyed moments ago and cannot act again yet.</summary>
    Latched,

    /// <summary>In a frame the gate refused as captured too long ago.</summary>
    Stale,

    /// <summary>In a frame the gate refused as older than one it already had.</summary>
    OutOfOrder,

    /// <summary>In a frame the gate refused as captured in the future (clock skew).</summary>
    FromTheFuture,
}

/// <summary>One detection of a known sign and its <see cref="SightingVerdict"/> (<c>GET /api/sightings</c>).</summary>
public sealed record SightingRecord(
    long FrameId, DateTimeOffset CapturedAt, string Camera, string Label, double Confidence, double? WidthFraction, SightingVerdict Verdict);

/// <summary>
/// The most recent sightings, bounded by <see cref="ControllerOptions.SightingHistorySize"/>: when the train passes a
/// sign without obeying it, they say whether perception never delivered it near, delivered it too few times, or
/// delivered it while its latch held.
/// </summary>
public sealed class SightingLog(int capacity) : BoundedHistory<SightingRecord>(capacity)
{
    /// <summary>The newest <paramref name="limit"/> sightings (of <paramref name="label"/> only, when given), newest first.</summary>
    public IReadOnlyList<SightingRecord> Newest(int limit, string? label = null) =>
        Newest(limit, label is null ? null : s => string.Equals(s.Label, label, StringComparison.Ordinal));
}
