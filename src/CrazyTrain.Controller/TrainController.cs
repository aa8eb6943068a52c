using System.Diagnostics;
using CrazyTrain.Controller.Driving;
using CrazyTrain.Controller.Orders;
using CrazyTrain.LegoWireless.Client;
using CrazyTrain.Messaging;

namespace CrazyTrain.Controller;

/// <summary>
/// Where detections, clock ticks and operators meet the driving policy: every order it gives is kept in the
/// history, published to <c>train.orders</c> inside the trace of the frame that caused it, and the hub driver is
/// woken to apply the new motor setpoint.
/// </summary>
public sealed partial class TrainController(
    DrivingPolicy policy,
    HubClient hub,
    OrderHistory history,
    ITrainProducer producer,
    ControllerTelemetry telemetry,
    ILogger<TrainController> logger)
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ActivityContext _lastCause;

    public DrivingPolicy Policy => policy;

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

    public OperatorResult EmergencyStop() => Operator(policy.EmergencyStop());

    public OperatorResult Resume() => Operator(policy.Resume());

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

        var key = hub.Status.Name ?? "hub";
        foreach (var order in orders)
        {
            var message = OrderMessage.From(order);
            history.Add(message);
            telemetry.Orders.Add(1, new KeyValuePair<string, object?>("action", message.Action));
            LogOrder(message.Action, message.Power, message.Reason is { } reason
                ? $"{reason.Label} at {reason.Confidence:0.00} in frame {reason.FrameId}"
                : "operator or clock");

            // Outside a consumer or request span (a tick), the order still belongs to its frame's trace.
            using var activity = Activity.Current is null && cause != default
                ? ControllerTelemetry.ActivitySource.StartActivity($"order {message.Action}", ActivityKind.Internal, cause)
                : null;
            producer.PublishJson(Topics.Orders, key, message);
        }

        Wake();
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
