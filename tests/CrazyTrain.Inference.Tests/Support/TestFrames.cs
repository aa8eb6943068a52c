using System.Diagnostics;
using System.Threading.Channels;
using CrazyTrain.Inference.Frames;

namespace CrazyTrain.Inference.Tests.Support;

/// <summary>A frame source fed by the test.</summary>
internal sealed class TestFrameFeed : IFrameFeed
{
    private readonly Channel<Frame> _frames = Channel.CreateUnbounded<Frame>();

    public void Send(Frame frame) => _frames.Writer.TryWrite(frame);

    public IAsyncEnumerable<Frame> ReadAsync(CancellationToken cancellationToken) => _frames.Reader.ReadAllAsync(cancellationToken);
}

/// <summary>Keeps what was published; can hold the first publication to make the detector look busy.</summary>
internal sealed class TestPublisher : IDetectionPublisher
{
    private readonly List<(string Key, DetectionMessage Message, ActivityContext Trace)> _published = [];
    private TaskCompletionSource? _gate;

    public bool Entered { get; private set; }

    public Func<DetectionMessage, Exception?>? FailWhen { get; set; }

    public IReadOnlyList<(string Key, DetectionMessage Message, ActivityContext Trace)> Published
    {
        get
        {
            lock (_published)
            {
                return _published.ToList();
            }
        }
    }

    public void HoldNext() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _gate?.TrySetResult();

    public async Task PublishAsync(string cameraId, DetectionMessage message, ActivityContext traceContext, CancellationToken cancellationToken)
    {
        Entered = true;
        if (_gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
            _gate = null;
        }

        if (FailWhen?.Invoke(message) is { } failure)
        {
            throw failure;
        }

        lock (_published)
        {
            _published.Add((cameraId, message, traceContext));
        }
    }
}

/// <summary>A clock the test can move; timers stay real.</summary>
internal sealed class TestClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = new(2026, 11, 28, 16, 0, 0, 123, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => Now;
}
