namespace CrazyTrain.Twin.World;

/// <summary>Something worth telling about the train's world: a sign passed, a stop, the hub's link or motor changing.</summary>
public sealed record TwinEvent(DateTimeOffset Time, string Kind, string Message, double PositionCm);

/// <summary>The newest events, oldest first, kept to a fixed number so a long run cannot grow memory.</summary>
internal sealed class TwinEventLog(int capacity)
{
    private readonly Queue<TwinEvent> _events = new();

    public void Add(TwinEvent e)
    {
        _events.Enqueue(e);
        while (_events.Count > capacity)
        {
            _events.Dequeue();
        }
    }

    public IReadOnlyList<TwinEvent> Recent() => [.. _events];
}
