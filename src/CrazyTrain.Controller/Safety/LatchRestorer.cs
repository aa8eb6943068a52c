namespace CrazyTrain.Controller.Safety;

/// <summary>
/// At start, before the hub driver, the ticker or any operator request, re-engages an emergency stop that an
/// earlier process left on disk, and says so in the log and in <c>GET /api/train</c>.
/// </summary>
internal sealed partial class LatchRestorer(EmergencyStopLatch latch, TrainController controller, ILogger<LatchRestorer> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (latch.Load() is { } record)
        {
            controller.RestoreEmergencyStop();
            LogRestored(record.EngagedAt, record.By, record.Note ?? latch.FilePath);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Came back emergency-stopped: the stop pressed at {EngagedAt} by {By} still holds ({Source}); an operator's resume lifts it")]
    private partial void LogRestored(DateTimeOffset engagedAt, string by, string source);
}
