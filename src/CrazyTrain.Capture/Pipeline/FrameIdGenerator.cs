namespace CrazyTrain.Capture.Pipeline;

/// <summary>
/// Frame ids unique and increasing per camera, across restarts too: the first id is the start time in Unix
/// microseconds, and ids then count up by one per frame. A restart begins above every id of the previous
/// run as long as that run produced fewer frames than microseconds passed (any frame rate below 1 MHz).
/// The ids stay below 2^53, so JavaScript consumers read them exactly.
/// </summary>
internal sealed class FrameIdGenerator(TimeProvider time)
{
    private long _last = time.GetUtcNow().ToUnixTimeMilliseconds() * 1000 - 1;

    public long Next() => Interlocked.Increment(ref _last);
}
