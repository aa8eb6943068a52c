using System.Diagnostics;
using CrazyTrain.Controller.Driving;
using CrazyTrain.Controller.Orders;
using CrazyTrain.Controller.Safety;
using CrazyTrain.LegoWireless.Client;

namespace CrazyTrain.Controller;

/// <summary>
/// Where detections, clock ticks and operators meet the driving policy: every order it gives is kept in the
/// hub driver woken to apply the new motor setpoint first; then the order is kept in the history and handed to the
/// <see cref="OrderOutbox"/>, which delivers it to <c>train.orders</c> (durably, awaited) inside the trace of the
/// frame that caused it, off this thread.
/// </summary>
public sealed partial class TrainController(
    DrivingPolicy policy,
    HubClient hub,
    OrderHistory history,
    OrderOutbox outbox,
    EmergencyStopLatch latch,
    ControllerTelemetry telemetry,
    ILogger<TrainController> logger)
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ActivityContext _lastCause;

    public DrivingPolicy Policy => policy;

    /// <summary>The emergency stop that holds (pressed or restored from disk), or null.</summary>
    public LatchRecord? Latched => latch.Current;

    /// <summary>The trace of the event behind the current setpoint, so the hub command joins that frame's trace.</summary>
    public ActivityContext SetpointCause
    {
        get { lock (_gate) { return _lastCause; } }
    }

    /// <summary>Completes at the next order (or operator command); the hub driver waits on it between ticks.</summary>
    public Task Changed
    {
        get { lock (_gate) { return _changed.Task; } }
    }

    public void OnFrame(DetectionFrame frame, ActivityContext frameContext) =>
        Publish(policy.OnFrame(frame), frameContext);

    /// <summary>Clock tick: orders that come from time passing (end of a hold, stale perception) join the trace of their cause.</summary>
    public void Tick() => Publish(policy.Tick(), SetpointCause);

    public void RecordMalformed() => policy.RecordMalformed();

    public OperatorResult Start() => Operator(policy.Start());

    /// <summary>
    /// Stops the train first (policy, order, hub driver woken), then writes the latch to disk so a restart comes
    /// back stopped; a disk that refuses is reported in the answer, never a reason to refuse the stop.
    /// </summary>
    public OperatorResult EmergencyStop(string by)
    {
        var result = Operator(policy.EmergencyStop());
        return latch.Engage(by) is { } notSaved ? result with { Message = $"{result.Message} Warning: {notSaved}." } : result;
    }

    /// <summary>An accepted resume lifts the latch; a refused one leaves it on disk.</summary>
    public OperatorResult Resume()
    {
        var result = Operator(policy.Resume());
        if (result.Accepted)
        {
            latch.Clear();
        }

        return result;
    }

    /// <summary>At start: an emergency stop an earlier process left on disk holds again, before anything can move the train.</summary>
    public void RestoreEmergencyStop()
    {
        Publish(policy.EmergencyStop().Orders, default);
        Wake();
    }

    private OperatorResult Operator(OperatorResult result)
    {
        LogOperator(result.Accepted, result.Message);
        Publish(result.Orders, Activity.Current?.Context ?? default);
        Wake();
        return result;
    }

    private void Publish(IReadOnlyList<DrivingOrder> orders, ActivityContext cause)
    {
        if (orders.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            _lastCause = cause;
        }

        // The hub command goes first; the order record follows.
        Wake();
        var key = hub.Status.Name ?? "hub";
        foreach (var order in orders)
        {
            var message = OrderMessage.From(order);
            history.Add(message);
            telemetry.Orders.Add(1, new KeyValuePair<string, object?>("action", message.Action));
            LogOrder(message.Action, message.Power, message.Reason is { } reason
                ? $"{reason.Label} at {reason.Confidence:0.00} in frame {reason.FrameId}"
                : "operator or clock");

            // The courier publishes on its own thread: it carries the frame's (or request's) trace along.
            outbox.Give(key, message, Activity.Current?.Context ?? cause);
        }
    }

    private void Wake()
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {Action} at {Power} % (reason: {Reason})")]
    private partial void LogOrder(string action, int power, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Operator command accepted: {Accepted}. {Message}")]
    private partial void LogOperator(bool accepted, string message);
}
