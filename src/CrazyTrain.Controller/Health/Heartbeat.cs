namespace CrazyTrain.Controller.Health;

/// <summary>
/// The last time one of the controller's loops turned. A loop beats once per turn; the liveness check reads the age,
/// so a loop that deadlocks, starves or throws on every turn makes <c>/alive</c> fail and the hub guard cut the link.
/// </summary>
internal sealed class Heartbeat
{
    private readonly TimeProvider _time;
    private long _lastBeat;

    public Heartbeat(string loop, TimeProvider time)
    {
        Loop = loop;
        _time = time;
        // Counted from creation: a loop that never turns at all fails once its bound has passed.
        _lastBeat = time.GetTimestamp();
    }

    public string Loop { get; }

    public void Beat() => Interlocked.Exchange(ref _lastBeat, _time.GetTimestamp());

    public TimeSpan Age => _time.GetElapsedTime(Interlocked.Read(ref _lastBeat));
}

/// <summary>The two loops that keep the train safe: the policy's clock and the hub driver.</summary>
internal sealed class ControllerHeartbeats(TimeProvider time)
{
    public Heartbeat Policy { get; } = new("policy loop", time);

    public Heartbeat HubDriver { get; } = new("hub driver", time);
}
