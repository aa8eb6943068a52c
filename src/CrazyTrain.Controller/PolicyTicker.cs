using CrazyTrain.Controller.Health;
using Microsoft.Extensions.Options;

namespace CrazyTrain.Controller;

/// <summary>Ticks the driving policy so holds end, ramps advance and a silent perception is noticed without frames.</summary>
internal sealed partial class PolicyTicker(TrainController controller, IOptions<ControllerOptions> options, TimeProvider time, ControllerHeartbeats heartbeats, ILogger<PolicyTicker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.TickInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    controller.Tick();
                    // Only a tick that ran counts: a policy that throws every tick is as dead as one that stopped.
                    heartbeats.Policy.Beat();
                }
#pragma warning disable CA1031 // The ticker is the fail-safe's clock: it must outlive any one failure.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    LogTickFailed(e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A policy tick failed")]
    private partial void LogTickFailed(Exception exception);
}
