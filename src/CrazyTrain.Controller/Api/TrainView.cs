using CrazyTrain.Controller.Driving;
using CrazyTrain.Controller.Safety;
using CrazyTrain.LegoWireless.Client;

namespace CrazyTrain.Controller.Api;

/// <summary>
/// <c>GET /api/train</c>: the policy's state and, under <c>hub</c>, the hub as the hub reported it over the
/// protocol (never what was asked of it).
/// </summary>
public sealed record TrainView(
    TrainMode Mode,
    DrivingState State,
    DateTimeOffset StateSince,
    bool Running,
    int CruisePower,
    SpeedCap? SpeedCap,
    int Power,
    bool AwaitingOperator,
    PerceptionView Perception,
    HubView? Hub,
    LatchRecord? EmergencyStop)
{
    public static TrainView From(DrivingSnapshot snapshot, HubClient hub, TrainMode mode, LatchRecord? latch) => new(
        mode,
        snapshot.State,
        snapshot.StateSince,
        snapshot.Running,
        snapshot.CruisePower,
        snapshot.SpeedCap,
        snapshot.TargetPower,
        snapshot.AwaitingOperator,
        new PerceptionView(snapshot.PerceptionFresh, snapshot.LastFrameId, snapshot.LastFrameAt, snapshot.FailSafeReason, snapshot.Counters),
        HubView.From(hub),
        latch);
}

public sealed record PerceptionView(bool Fresh, long? LastFrameId, DateTimeOffset? LastFrameAt, string? FailSafeReason, PerceptionCounters Counters);

public sealed record HubView(
    bool Connected,
    HubConnectionState State,
    string? Name,
    int? Battery,
    int? Rssi,
    int? MotorPower,
    bool MotorBraking,
    int? Light,
    bool LowVoltage,
    bool MotorAttached,
    string Link,
    string? LastError,
    HubCounters Counters)
{
    public static HubView From(HubClient hub)
    {
        var status = hub.Status;
        return new HubView(
            status.Connected,
            status.State,
            status.Name,
            status.BatteryPercent,
            status.Rssi,
            status.MotorPower,
            status.MotorBraking,
            status.LightBrightness,
            status.LowVoltage,
            status.MotorAttached,
            hub.LinkDescription,
            status.LastError,
            hub.Counters);
    }
}
