using System.Text.Json.Nodes;
using CrazyTrain.Twin.Episodes.Command;

namespace CrazyTrain.Twin.Tests.Episodes;

/// <summary>Each false stop of an episode names the controller's order that stopped the train there.</summary>
public sealed class FalseStopOrdersTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_false_stop_names_the_newest_stopping_order_before_the_hub_took_it()
    {
        var falseStops = new JsonArray(
            FalseStop(T0.AddSeconds(10.03)),
            FalseStop(T0.AddSeconds(20.01)),
            new JsonObject { ["positionCm"] = 3.0, ["controller"] = "halt (no_entry 0.62, frame 9)" }, // a false halt names its own
            FalseStop(T0.AddSeconds(1)));
        var orders = new JsonArray(
            Order(T0.AddSeconds(5), "start", null),
            Order(T0.AddSeconds(9), "danger", ("danger", 0.51, 250)),
            Order(T0.AddSeconds(10), "stop", ("stop", 0.43, 280)),
            Order(T0.AddSeconds(12), "resume", null),
            Order(T0.AddSeconds(20.04), "fail-safe-stop", null), // 30 ms after the hub's time: the slack takes it
            Order(T0.AddSeconds(30), "stop", ("stop", 0.9, 900)));

        FalseStopOrders.Attach(falseStops, orders);

        Assert.Equal("stop (stop 0.43, frame 280)", falseStops[0]!["controller"]!.GetValue<string>());
        Assert.Equal("fail-safe-stop", falseStops[1]!["controller"]!.GetValue<string>());
        Assert.Equal("halt (no_entry 0.62, frame 9)", falseStops[2]!["controller"]!.GetValue<string>());
        Assert.Null(falseStops[3]!["controller"]); // no stopping order before it
    }

    [Fact]
    public void Without_an_order_history_the_record_is_left_as_it_was()
    {
        var falseStops = new JsonArray(FalseStop(T0));

        FalseStopOrders.Attach(falseStops, null);

        Assert.Null(falseStops[0]!["controller"]);
    }

    private static JsonObject FalseStop(DateTimeOffset hubTookIt) =>
        new() { ["positionCm"] = 1.0, ["stopOrderAt"] = hubTookIt, ["stopOrder"] = "brake" };

    private static JsonObject Order(DateTimeOffset time, string action, (string Label, double Confidence, long FrameId)? reason) =>
        new()
        {
            ["time"] = time,
            ["action"] = action,
            ["power"] = 0,
            ["reason"] = reason is { } r ? new JsonObject { ["label"] = r.Label, ["confidence"] = r.Confidence, ["frameId"] = r.FrameId } : null,
        };
}
