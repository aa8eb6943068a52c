using System.ComponentModel.DataAnnotations;

namespace CrazyTrain.Controller;

/// <summary>The controller's own pace and memory. Bound from <c>CrazyTrain:Controller</c>.</summary>
public sealed class ControllerOptions
{
    public const string SectionName = "CrazyTrain:Controller";

    /// <summary>How often holds, ramps and perception freshness are re-evaluated and the motor setpoint applied.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:01")]
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How often the hub's state goes to <c>train.telemetry</c> (and at once whenever the connection changes).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan TelemetryInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Orders kept for <c>GET /api/orders</c>; older ones are dropped.</summary>
    [Range(1, 100_000)]
    public int OrderHistorySize { get; set; } = 1000;

    /// <summary>
    /// Sightings of known signs kept for <c>GET /api/sightings</c>, with what the controller made of each; older ones are
    /// dropped. 5000 is a few minutes of frames with one or two signs in view at 30 frames/s.
    /// </summary>
    [Range(1, 100_000)]
    public int SightingHistorySize { get; set; } = 5000;

    /// <summary>
    /// Where the controller keeps what must survive a restart (the emergency-stop latch). Required: a controller
    /// that would forget an emergency stop must not run. The AppHost sets it; in the cluster it is a mounted volume.
    /// </summary>
    [Required(ErrorMessage = "CrazyTrain:Controller:StateFolder is not set: the emergency-stop latch needs a folder that survives restarts.")]
    public string? StateFolder { get; set; }

    /// <summary>Brightness of the train's lights while it is in service (0 turns them off).</summary>
    [Range(0, 100)]
    public int LightBrightness { get; set; } = 100;
}
