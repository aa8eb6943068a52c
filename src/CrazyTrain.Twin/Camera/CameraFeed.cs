namespace CrazyTrain.Twin.Camera;

/// <summary>
/// The newest frame, handed to every stream client. Rendering happens only while someone watches; a slow client
/// skips frames rather than holding the camera back.
/// </summary>
public sealed class CameraFeed
{
    private readonly Lock _gate = new();
    private CameraFrame? _latest;
    private TaskCompletionSource<CameraFrame> _next = New();
    private int _viewers;

    public bool Watched => Volatile.Read(ref _viewers) > 0;

    public CameraFrame? Latest { get { lock (_gate) { return _latest; } } }

    /// <summary>Frames per real second the renderer held over the last frames (0 before any).</summary>
    public double HeldFramesPerSecond { get; internal set; }

    public IDisposable Watch()
    {
        Interlocked.Increment(ref _viewers);
        return new Viewer(this);
    }

    public void Publish(CameraFrame frame)
    {
        TaskCompletionSource<CameraFrame> next;
        lock (_gate)
        {
            _latest = frame;
            next = _next;
            _next = New();
        }

        next.TrySetResult(frame);
    }

    /// <summary>The first frame newer than <paramref name="after"/>.</summary>
    public async Task<CameraFrame> NextAsync(long after, CancellationToken cancellationToken)
    {
        Task<CameraFrame> next;
        lock (_gate)
        {
            if (_latest is { } latest && latest.Sequence > after)
            {
                return latest;
            }

            next = _next.Task;
        }

        return await next.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static TaskCompletionSource<CameraFrame> New() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class Viewer(CameraFeed feed) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Interlocked.Decrement(ref feed._viewers);
            }
        }
    }
}
