namespace CrazyTrain.Controller;

/// <summary>
/// The most recent entries, bounded so a long run cannot grow memory; read newest first. Thread-safe: the driving loop
/// adds while the HTTP API reads. A ring over one array allocated at start: the sighting log takes an entry for every
/// known sign in every frame, under the policy's lock, so adding allocates nothing.
/// </summary>
public abstract class BoundedHistory<T>(int capacity)
{
    private readonly Lock _gate = new();
    private readonly T[] _entries = new T[capacity];
    private int _next;
    private int _count;

    public int Capacity => capacity;

    public void Add(T entry)
    {
        lock (_gate)
        {
            _entries[_next] = entry;
            _next = (_next + 1) % capacity;
            _count = Math.Min(_count + 1, capacity);
        }
    }

    /// <summary>The newest <paramref name="limit"/> entries (those <paramref name="where"/> accepts, when given), newest first.</summary>
    protected IReadOnlyList<T> Newest(int limit, Func<T, bool>? where)
    {
        lock (_gate)
        {
            var result = new List<T>(Math.Min(limit, _count));
            for (var back = 1; back <= _count && result.Count < limit; back++)
            {
                var entry = _entries[(_next - back + capacity) % capacity];
                if (where is null || where(entry))
                {
                    result.Add(entry);
                }
            }

            return result;
        }
    }
}
