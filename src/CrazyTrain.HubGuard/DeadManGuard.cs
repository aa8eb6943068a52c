using CrazyTrain.HubGuard.Cutting;
using CrazyTrain.HubGuard.Watching;
using Microsoft.Extensions.Options;

namespace CrazyTrain.HubGuard;

/// <summary>
/// The guard's loop: probe the controller's heartbeat, let the <see cref="DeadMan"/> judge, cut the hub's link when it
/// says so. Every decision is logged and counted; the last cut's outcome is kept for health.
/// </summary>
internal sealed partial class DeadManGuard(
    DeadMan deadMan,
    ControllerProbe probe,
    ILinkCutter cutter,
    IOptions<HubGuardOptions> options,
    TimeProvider time,
    GuardTelemetry telemetry,
    ILogger<DeadManGuard> logger) : BackgroundService
{
    /// <summary>Null while the last cut (if any) worked; otherwise why it failed.</summary>
    public string? LastCutFailure { get; private set; }

    public string? LastCutOutcome { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        LogWatching(options.Value.Controller!, cutter.Target, options.Value.Deadline.TotalMilliseconds);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var started = time.GetTimestamp();
                var result = await probe.ProbeAsync(deadMan.ProbeTimeout, stoppingToken);
                if (!result.Beating)
                {
                    telemetry.MissedBeats.Add(1);
                }

                await ActAsync(deadMan.Observe(result), result, stoppingToken);
                var rest = options.Value.PollInterval - time.GetElapsedTime(started);
                if (rest > TimeSpan.Zero)
                {
                    await Task.Delay(rest, time, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task ActAsync(Verdict verdict, ProbeResult result, CancellationToken stoppingToken)
    {
        switch (verdict)
        {
            case Verdict.Cut or Verdict.Recut:
                await CutAsync($"the controller gave no healthy heartbeat for {deadMan.State.SinceBeat.TotalMilliseconds:0} ms ({result.Detail})", verdict == Verdict.Recut, stoppingToken);
                break;
            case Verdict.Rearmed:
                LogRearmed();
                break;
            case Verdict.Waiting:
                LogMissed(result.Detail);
                break;
        }
    }

    private async Task CutAsync(string reason, bool again, CancellationToken stoppingToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        deadline.CancelAfter(options.Value.RecutInterval);
        try
        {
            var outcome = await cutter.CutAsync(reason, deadline.Token);
            telemetry.Cuts.Add(1);
            LastCutOutcome = outcome.Description;
            LastCutFailure = null;
            if (again && !outcome.CutOff)
            {
                // Holding the cut while nobody is connected (a controller still down): not news every second.
                LogCutHeld(reason, outcome.Description);
            }
            else
            {
                LogCut(reason, outcome.Description);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // Whatever went wrong, the loop goes on: the next recut may work, and health says the guard is failing.
            telemetry.CutFailures.Add(1);
            LastCutFailure = $"{cutter.Target}: {e.Message}";
            LogCutFailed(reason, LastCutFailure);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Watching the controller at {Controller}; cutting the hub's link through {Target} after {DeadlineMs} ms without a heartbeat")]
    private partial void LogWatching(string controller, string target, double deadlineMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The controller missed a beat: {Detail}")]
    private partial void LogMissed(string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dead-man: {Reason}; cut the hub's link: {Outcome}")]
    private partial void LogCut(string reason, string outcome);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Dead-man: {Reason}; the hub's link stays cut: {Outcome}")]
    private partial void LogCutHeld(string reason, string outcome);

    [LoggerMessage(Level = LogLevel.Error, Message = "Dead-man: {Reason}; cutting the hub's link FAILED: {Failure}")]
    private partial void LogCutFailed(string reason, string failure);

    [LoggerMessage(Level = LogLevel.Information, Message = "The controller beats again: the guard is re-armed and the controller may reconnect to the hub")]
    private partial void LogRearmed();
}
