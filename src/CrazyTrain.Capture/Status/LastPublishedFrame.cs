using CrazyTrain.Capture.Pipeline;

namespace CrazyTrain.Capture.Status;

/// <summary>The last published frame, for <c>GET /api/capture/frame.jpg</c>: humans look, nothing else waits on it.</summary>
internal sealed class LastPublishedFrame
{
    private CapturedFrame? _frame;

    public CapturedFrame? Current => Volatile.Read(ref _frame);

    public void Set(CapturedFrame frame) => Volatile.Write(ref _frame, frame);
}
