using System.ComponentModel.DataAnnotations;

namespace CrazyTrain.Controller.Health;

/// <summary>
/// How old a loop's last beat may be before <c>/alive</c> reports the controller Unhealthy (section
/// <c>CrazyTrain:Controller:Heartbeat</c>). docs/safety.md explains the defaults.
/// </summary>
public sealed class HeartbeatOptions
{
    public const string SectionName = "CrazyTrain:Controller:Heartbeat";

    /// <summary>
    /// The policy loop beats every tick (100 ms) and never waits on anything: 600 ms is six missed ticks, long enough
    /// for a GC pause or a busy shared box, short enough that with the guard's poll the train stops within 1 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan PolicyLoop { get; set; } = TimeSpan.FromMilliseconds(600);

    /// <summary>
    /// The hub driver beats every tick too, but may wait for the hub's answer to a motor and then a light command
    /// (<c>CrazyTrain:Hub:RequestTimeout</c>, 2 s each): a bound below that would call a slow hub a dead controller.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan HubDriver { get; set; } = TimeSpan.FromSeconds(5);
}
