namespace CrazyTrain.Controller.Driving;

/// <summary>The actions of <c>train.orders</c> (docs/contracts.md).</summary>
public enum OrderAction
{
    Start,
    Limit,
    Stop,
    Halt,
    Danger,
    Resume,
    EmergencyStop,
    FailSafeStop,
}

public static class OrderActionNames
{
    /// <summary>The exact action string of the contract.</summary>
    public static string ToContractName(this OrderAction action) => action switch
    {
        OrderAction.Start => "start",
        OrderAction.Limit => "limit",
        OrderAction.Stop => "stop",
        OrderAction.Halt => "halt",
        OrderAction.Danger => "danger",
        OrderAction.Resume => "resume",
        OrderAction.EmergencyStop => "emergency-stop",
        OrderAction.FailSafeStop => "fail-safe-stop",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };
}

/// <summary>The sighting that caused an order; null for operator actions.</summary>
public sealed record OrderReason(string Label, double Confidence, long FrameId);

/// <summary>
/// One decision of the policy. <see cref="Power"/> is the motor power (%) the train runs at right after it:
/// 0 for every stopping order.
/// </summary>
public sealed record DrivingOrder(DateTimeOffset Time, OrderAction Action, int Power, OrderReason? Reason);
