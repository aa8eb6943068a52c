namespace CrazyTrain.Console.State;

/// <summary>
/// Events per second over a sliding window (frames per second as the console receives them). At most
/// <c>maxEvents</c> are kept: a flood shortens the window instead of growing the queue, and the rate stays
/// right because it is measured over the events kept.
/// </summary>
public sealed class RateMeter(TimeSpan window, int maxEvents = 1024)
{
    private readonly Queue<DateTimeOffset> _times = new();

    public int Kept => _times.Count;

    public void Mark(DateTimeOffset at)
    {
        _times.Enqueue(at);
        while (_times.Count > maxEvents)
        {
            _times.Dequeue();
        }

        Trim(at);
    }

    /// <summary>The rate over the window ending at <paramref name="now"/>; null with fewer than two events in it.</summary>
    public double? Rate(DateTimeOffset now)
    {
        Trim(now);
        if (_times.Count < 2)
        {
            return null;
        }

        var span = (now - _times.Peek()).TotalSeconds;
        // Measured up to now, not to the last event, so the rate falls as soon as events stop coming.
        return span <= 0 ? null : Math.Round((_times.Count - 1) / span, 1);
    }

    private void Trim(DateTimeOffset now)
    {
        while (_times.Count > 0 && now - _times.Peek() > window)
        {
            _times.Dequeue();
        }
    }
}
