using Microsoft.Extensions.Options;

namespace CrazyTrain.Console.State;

/// <summary>
/// Judges the stream several times per stall limit, so the badge turns to STALLED within the limit of the last
/// frame even when nothing else happens (a stall is exactly when no event would otherwise be sent).
/// </summary>
public sealed class StreamStatusMonitor(TrainStateHub hub, IOptions<ConsoleOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(50).Ticks, options.Value.StallAfter.Ticks / 8));
        using var timer = new PeriodicTimer(period, time);
        try
        {
            do
            {
                hub.EvaluateStatus();
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
