namespace CrazyTrain.Controller;

/// <summary>
/// The most recent entries, bounded so a long run cannot grow memory; read newest first. Thread-safe: the driving loop
/// adds while the HTTP API reads.
/// </summary>
public abstract class BoundedHistory<T>(int capacity)
{
    private readonly Lock _gate = new();
    private readonly LinkedList<T> _entries = new();

    public int Capacity => capacity;

    public void Add(T entry)
    {
        lock (_gate)
        {
            _entries.AddLast(entry);
            if (_entries.Count > capacity)
            {
                _entries.RemoveFirst();
            }
        }
    }

    /// <summary>The newest <paramref name="limit"/> entries (those <paramref name="where"/> accepts, when given), newest first.</summary>
    protected IReadOnlyList<T> Newest(int limit, Func<T, bool>? where)
    {
        lock (_gate)
        {
            var result = new List<T>(Math.Min(limit, _entries.Count));
            for (var node = _entries.Last; node is not null && result.Count < limit; node = node.Previous)
            {
                if (where is null || where(node.Value))
                {
                    result.Add(node.Value);
                }
            }

            return result;
        }
    }
}
