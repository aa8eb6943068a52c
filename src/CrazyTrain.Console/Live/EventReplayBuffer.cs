namespace CrazyTrain.Console.Live;

/// <summary>
/// The newest events, kept so a browser that reconnects with <c>Last-Event-ID</c> gets what it missed. Bounded:
/// a browser that was away longer than the buffer reaches gets a full snapshot instead. Not thread-safe; the
/// broadcaster holds its lock around it.
/// </summary>
public sealed class EventReplayBuffer
{
    private readonly ConsoleEvent[] _ring;
    private int _start;
    private int _count;

    public EventReplayBuffer(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ring = new ConsoleEvent[capacity];
    }

    public int Count => _count;

    /// <summary>Appends an event; ids must grow.</summary>
    public void Add(ConsoleEvent consoleEvent)
    {
        if (_count > 0 && consoleEvent.Id <= _ring[(_start + _count - 1) % _ring.Length].Id)
        {
            throw new ArgumentException($"Event id {consoleEvent.Id} does not follow the newest id.", nameof(consoleEvent));
        }

        if (_count == _ring.Length)
        {
            _ring[_start] = consoleEvent;
            _start = (_start + 1) % _ring.Length;
        }
        else
        {
            _ring[(_start + _count) % _ring.Length] = consoleEvent;
            _count++;
        }
    }

    /// <summary>
    /// The events after <paramref name="lastEventId"/> when the buffer still holds all of them; false when some
    /// were dropped already, or the id is not one this process gave (a restarted console), so the caller must
    /// send a snapshot.
    /// </summary>
    /// <param name="newestId">The newest id given so far (events may have been given before the buffer existed).</param>
    public bool TryGetSince(long lastEventId, long newestId, out IReadOnlyList<ConsoleEvent> missed)
    {
        missed = [];
        if (lastEventId > newestId)
        {
            return false;
        }

        if (lastEventId == newestId)
        {
            return true;
        }

        if (_count == 0 || _ring[_start].Id > lastEventId + 1)
        {
            return false;
        }

        var events = new List<ConsoleEvent>();
        for (var i = 0; i < _count; i++)
        {
            var candidate = _ring[(_start + i) % _ring.Length];
            if (candidate.Id > lastEventId)
            {
                events.Add(candidate);
            }
        }

        missed = events;
        return true;
    }
}
