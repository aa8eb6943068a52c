namespace CrazyTrain.Controller.Perception;

/// <summary>
/// What the controller made of one detection of a known sign (<c>GET /api/sightings</c>). <paramref name="Verdict"/>:
/// <c>under-min-confidence</c> (below <c>MinConfidence</c>), <c>far</c> (narrower than the near-sign gate),
/// <c>counted</c> (near, in the K-of-N window, not yet confirmed), <c>confirmed</c> (handed to the driving rules with
/// this frame) or <c>latched</c> (near, but the sign was obeyed moments ago and cannot act again yet); in a frame the
/// gate refused, <c>stale</c>, <c>out-of-order</c> or <c>from-the-future</c>.
/// </summary>
public sealed record SightingRecord(
    long FrameId, DateTimeOffset CapturedAt, string Camera, string Label, double Confidence, double? WidthFraction, string Verdict);

/// <summary>
/// The most recent sightings, bounded: when the train passes a sign without obeying it, they say whether perception
/// never delivered it near, delivered it too few times, or delivered it while its latch held.
/// </summary>
public sealed class SightingLog(int capacity)
{
    public const string UnderMinConfidence = "under-min-confidence";
    public const string Far = "far";
    public const string Counted = "counted";
    public const string Confirmed = "confirmed";
    public const string Latched = "latched";
    public const string Stale = "stale";
    public const string OutOfOrder = "out-of-order";
    public const string FromTheFuture = "from-the-future";

    private readonly Lock _gate = new();
    private readonly Queue<SightingRecord> _sightings = new();

    public int Capacity => capacity;

    public void Add(SightingRecord sighting)
    {
        lock (_gate)
        {
            _sightings.Enqueue(sighting);
            if (_sightings.Count > capacity)
            {
                _sightings.Dequeue();
            }
        }
    }

    /// <summary>The newest <paramref name="limit"/> sightings (of <paramref name="label"/> only, when given), newest first.</summary>
    public IReadOnlyList<SightingRecord> Newest(int limit, string? label = null)
    {
        lock (_gate)
        {
            return _sightings.Reverse()
                .Where(s => label is null || string.Equals(s.Label, label, StringComparison.Ordinal))
                .Take(limit)
                .ToList();
        }
    }
}
