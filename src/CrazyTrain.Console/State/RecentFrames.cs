namespace CrazyTrain.Console.State;

/// <summary>
/// The last few frames, so a browser that asks for the frame it was told about gets that very frame (and its
/// boxes match) even when a newer one arrived meanwhile. Not thread-safe; the hub holds its lock around it.
/// </summary>
public sealed class RecentFrames(int capacity = 8)
{
    private readonly LinkedList<FrameRecord> _frames = new();

    public FrameRecord? Latest => _frames.Last?.Value;

    public void Add(FrameRecord frame)
    {
        _frames.AddLast(frame);
        while (_frames.Count > capacity)
        {
            _frames.RemoveFirst();
        }
    }

    /// <summary>The frame with this id (from any camera), or null when it is gone already.</summary>
    public FrameRecord? Find(long frameId)
    {
        for (var node = _frames.Last; node is not null; node = node.Previous)
        {
            if (node.Value.FrameId == frameId)
            {
                return node.Value;
            }
        }

        return null;
    }
}
