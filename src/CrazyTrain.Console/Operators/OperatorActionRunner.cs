using System.Diagnostics;
using System.Text.Json;
using CrazyTrain.Console.Live;
using CrazyTrain.Console.Upstream;
using Microsoft.Extensions.Options;

namespace CrazyTrain.Console.Operators;

/// <summary>
/// Runs operator actions one at a time, so two operators pressing at once do not interleave start and stop;
/// an emergency stop skips the queue and goes straight through. Every action is logged, traced and announced
/// to every browser.
/// </summary>
public sealed partial class OperatorActionRunner(
    UpstreamServices services,
    ServicePoller poller,
    EventBroadcaster events,
    IOptions<ConsoleOptions> options,
    TimeProvider time,
    ILogger<OperatorActionRunner> logger) : IDisposable
{
    private readonly SemaphoreSlim _queue = new(1, 1);

    public async Task<ActionOutcome> RunAsync(OperatorAction action, string operatorAddress, CancellationToken cancellationToken)
    {
        using var activity = ConsoleTelemetry.ActivitySource.StartActivity($"operator {action.Name}", ActivityKind.Internal);
        activity?.SetTag("crazytrain.operator.action", action.Name);
        activity?.SetTag("crazytrain.operator.address", operatorAddress);
        activity?.SetTag("crazytrain.operator.service", action.Service);
        LogRequested(action.Name, operatorAddress);

        var queued = false;
        if (!action.BypassesQueue)
        {
            if (!await _queue.WaitAsync(options.Value.ActionQueueTimeout, cancellationToken))
            {
                var busy = Finish(action, operatorAddress, new ActionOutcome(action.Name, action.Service, false, StatusCodes.Status409Conflict, null, null,
                    $"Another operator action is still running; '{action.Name}' gave up after waiting {options.Value.ActionQueueTimeout.TotalSeconds:0.#} s.", 0), activity);
                return busy;
            }

            queued = true;
        }

        var started = time.GetTimestamp();
        try
        {
            var result = await services.SendAsync(action.Service, HttpMethod.Post, action.Path, options.Value.ActionTimeout, cancellationToken);
            var elapsed = Math.Round(time.GetElapsedTime(started).TotalMilliseconds, 1);
            var status = result switch
            {
                { Reachable: false } => StatusCodes.Status502BadGateway,
                { IsSuccess: true } => StatusCodes.Status200OK,
                // The service refused the console's own token: a misconfiguration, not the operator's fault.
                { HttpStatus: StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden } => StatusCodes.Status502BadGateway,
                // The service refused (e.g. resume without an emergency stop): pass its 4xx on, with its reason.
                { HttpStatus: >= 400 and < 500 } => result.HttpStatus.Value,
                _ => StatusCodes.Status502BadGateway,
            };
            return Finish(action, operatorAddress, new ActionOutcome(action.Name, action.Service, result.IsSuccess, status, result.HttpStatus, result.Body, result.Error, elapsed), activity);
        }
        finally
        {
            if (queued)
            {
                _queue.Release();
            }

            poller.RequestRefresh();
        }
    }

    private ActionOutcome Finish(OperatorAction action, string operatorAddress, ActionOutcome outcome, Activity? activity)
    {
        activity?.SetTag("http.response.status_code", outcome.Status);
        if (outcome.Ok)
        {
            LogDone(action.Name, operatorAddress, outcome.UpstreamStatus, outcome.DurationMs);
        }
        else
        {
            activity?.SetStatus(ActivityStatusCode.Error, outcome.Error);
            LogFailed(action.Name, operatorAddress, outcome.Status, outcome.Error);
        }

        events.Publish(ConsoleEventTypes.Action, new { outcome.Action, outcome.Ok, outcome.Status, outcome.Error, by = operatorAddress, at = time.GetUtcNow() });
        return outcome;
    }

    public void Dispose() => _queue.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Operator action {Action} requested from {Operator}")]
    private partial void LogRequested(string action, string @operator);

    [LoggerMessage(Level = LogLevel.Information, Message = "Operator action {Action} from {Operator} done: upstream {UpstreamStatus} in {DurationMs} ms")]
    private partial void LogDone(string action, string @operator, int? upstreamStatus, double durationMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Operator action {Action} from {Operator} failed with {Status}: {Reason}")]
    private partial void LogFailed(string action, string @operator, int status, string? reason);
}

/// <summary>The answer to <c>POST /api/actions/{action}</c>.</summary>
public sealed record ActionOutcome(
    string Action,
    string Service,
    bool Ok,
    int Status,
    int? UpstreamStatus,
    JsonElement? Upstream,
    string? Error,
    double DurationMs);
