using System.ComponentModel.DataAnnotations;

namespace CrazyTrain.HubGuard;

/// <summary>What the guard watches and how patiently (section <c>CrazyTrain:HubGuard</c>); docs/safety.md explains the defaults.</summary>
public sealed class HubGuardOptions
{
    public const string SectionName = "CrazyTrain:HubGuard";

    /// <summary>The controller's base address; the guard reads its <c>/alive</c>.</summary>
    [Required(ErrorMessage = "CrazyTrain:HubGuard:Controller is not set: the guard needs the controller's address to watch its heartbeat.")]
    [Url(ErrorMessage = "CrazyTrain:HubGuard:Controller must be an absolute http(s) address.")]
    public string? Controller { get; set; }

    /// <summary>Simulation: the twin's base address, whose <c>/api/twin/hub/drop</c> plays the Bluetooth adapter.</summary>
    [Url(ErrorMessage = "CrazyTrain:HubGuard:Twin must be an absolute http(s) address.")]
    public string? Twin { get; set; }

    /// <summary>How often <c>/alive</c> is asked while it answers.</summary>
    [Range(typeof(TimeSpan), "00:00:00.020", "00:00:05")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How long the controller may go without a healthy answer before the link is cut: five polls, so one slow
    /// answer on a busy box is not a dead controller, and with the cut itself the train stops within 1 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:30")]
    public TimeSpan Deadline { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>While the controller stays silent, the link is cut again this often: a half-dead controller that reconnects is cut off again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan RecutInterval { get; set; } = TimeSpan.FromSeconds(1);
}
