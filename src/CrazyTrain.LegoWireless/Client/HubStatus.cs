namespace CrazyTrain.LegoWireless.Client;

/// <summary>
/// The hub as the hub itself reported it: nothing here is what was asked for, only what the protocol confirmed.
/// Null means "not known" (never reported, or lost with the link, or a command that went unanswered).
/// </summary>
public sealed record HubStatus
{
    public HubConnectionState State { get; init; } = HubConnectionState.Disconnected;

    public bool Connected => State == HubConnectionState.Connected;

    public string? Name { get; init; }

    public int? BatteryPercent { get; init; }

    public int? Rssi { get; init; }

    /// <summary>Motor power confirmed by command feedback: -100..100, 0 also when braking (see <see cref="MotorBraking"/>).</summary>
    public int? MotorPower { get; init; }

    public bool MotorBraking { get; init; }

    public int? LightBrightness { get; init; }

    public bool ButtonPressed { get; init; }

    /// <summary>The hub raised its low-voltage alert: batteries too weak for reliable speed control.</summary>
    public bool LowVoltage { get; init; }

    /// <summary>The hub announced a train motor on the motor port.</summary>
    public bool MotorAttached { get; init; }

    public bool LightAttached { get; init; }

    public DateTimeOffset? LastMessageAt { get; init; }

    /// <summary>Why the link was last lost or a connect failed; null while all is well.</summary>
    public string? LastError { get; init; }
}

/// <summary>Running totals of what went wrong, for metrics and health.</summary>
public sealed record HubCounters(long MalformedMessages, long GenericErrors, long Timeouts, long LinkLosses, long Reconnects);
