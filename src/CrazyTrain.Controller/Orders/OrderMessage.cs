using System.Text.Json.Serialization;
using CrazyTrain.Controller.Driving;

namespace CrazyTrain.Controller.Orders;

/// <summary>A <c>train.orders</c> value exactly as docs/contracts.md shows it.</summary>
public sealed record OrderMessage(
    [property: JsonPropertyName("time")] DateTimeOffset Time,
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("power")] int Power,
    [property: JsonPropertyName("reason")] OrderReasonMessage? Reason)
{
    public static OrderMessage From(DrivingOrder order) => new(
        order.Time,
        order.Action.ToContractName(),
        order.Power,
        order.Reason is { } reason ? new OrderReasonMessage(reason.Label, reason.Confidence, reason.FrameId) : null);
}

public sealed record OrderReasonMessage(
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("confidence")] double Confidence,
    [property: JsonPropertyName("frameId")] long FrameId);
