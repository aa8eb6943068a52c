namespace CrazyTrain.Inference.Frames;

/// <summary>
/// A one-place slot between the frame feed and the detector's own thread: a frame put while another waits
/// replaces it (reported through <c>superseded</c>), and the detector blocks on it without a thread-pool thread,
/// so a frame starts its work as soon as it arrives, whatever else the process's thread pool is busy with.
/// </summary>
internal sealed class LatestFrame(Action superseded) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly ManualResetEventSlim _ready = new(false);
    private Frame? _frame;
    private bool _completed;

    public void Put(Frame frame)
    {
        bool replaced;
        lock (_gate)
        {
            replaced = _frame is not null;
            _frame = frame;
            _ready.Set();
        }

        if (replaced)
        {
            superseded();
        }
    }

    /// <summary>No more frames will come: <see cref="Take"/> returns null once the slot is empty.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
            _ready.Set();
        }
    }

    /// <summary>Waits for the next frame; null when completed and empty. Throws when cancelled.</summary>
    public Frame? Take(CancellationToken cancellationToken)
    {
        while (true)
        {
            _ready.Wait(cancellationToken);
            lock (_gate)
            {
                var frame = _frame;
                _frame = null;
                if (frame is not null || _completed)
                {
                    if (!_completed)
                    {
                        _ready.Reset();
                    }

                    return frame;
                }

                _ready.Reset();
            }
        }
    }

    public void Dispose() => _ready.Dispose();
}
