using System.Runtime.CompilerServices;
using CrazyTrain.Inference.Frames;

namespace CrazyTrain.Inference.Benchmarks;

/// <summary>Sends the same JPEG as new frames at a fixed rate, like the camera.</summary>
internal sealed class PacedFeed(byte[] jpeg, double rate, TimeSpan duration) : IFrameFeed
{
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Sent { get; private set; }

    public Task Finished => _finished.Task;

    public async IAsyncEnumerable<Frame> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1 / rate));
        var end = DateTimeOffset.UtcNow + duration;
        while (DateTimeOffset.UtcNow < end && await timer.WaitForNextTickAsync(cancellationToken))
        {
            Sent++;
            yield return new Frame("bench", Sent, DateTimeOffset.UtcNow, null, null, "image/jpeg", jpeg, null, null);
        }

        _finished.TrySetResult();
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }
}
