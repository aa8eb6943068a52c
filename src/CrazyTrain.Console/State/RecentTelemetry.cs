using System.Text.Json;

namespace CrazyTrain.Console.State;

/// <summary>
/// The latest telemetry of each source, for at most <c>capacity</c> sources: the one heard from longest ago
/// goes first. A train has a handful of sources (hub, controller); a producer that invents a new key per
/// message must not grow the console without limit. Not thread-safe; the hub holds its lock around it.
/// </summary>
public sealed class RecentTelemetry(int capacity)
{
    private readonly Dictionary<string, LinkedListNode<(string Source, JsonElement Telemetry)>> _bySource = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Source, JsonElement Telemetry)> _byAge = new();

    public int Count => _bySource.Count;

    public void Set(string source, JsonElement telemetry)
    {
        if (_bySource.Remove(source, out var known))
        {
            _byAge.Remove(known);
        }

        _bySource[source] = _byAge.AddLast((source, telemetry));
        while (_bySource.Count > capacity)
        {
            _bySource.Remove(_byAge.First!.Value.Source);
            _byAge.RemoveFirst();
        }
    }

    public Dictionary<string, JsonElement> ToDictionary() =>
        _byAge.ToDictionary(entry => entry.Source, entry => entry.Telemetry, StringComparer.Ordinal);
}
