using CrazyTrain.Messaging;

namespace CrazyTrain.Controller;

/// <summary>
/// Foundation stage only: counts detection messages so the last hop of a frame's trace exists. The controller
/// issue replaces it with the driving policy and the hub.
/// </summary>
internal sealed class DetectionCounter : ITopicHandler
{
    private long _received;

    public long Received => Interlocked.Read(ref _received);

    public Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _received);
        return Task.CompletedTask;
    }
}
