using CrazyTrain.Controller.Api;
using CrazyTrain.LegoWireless.Client;
using CrazyTrain.Messaging;
using Microsoft.Extensions.Options;

namespace CrazyTrain.Controller.Hub;

/// <summary>Publishes the hub's reported state and the policy's to <c>train.telemetry</c>: periodically, and at once when the link changes.</summary>
internal sealed class HubTelemetryPublisher(
    HubClient hub,
    TrainController controller,
    ITrainProducer producer,
    IOptions<ControllerOptions> options,
    IOptions<TrainModeOptions> mode,
    TimeProvider time) : BackgroundService
{
    public const string Source = "controller";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connectionChanged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var lastState = hub.Status.State;
        void OnStatus(HubStatus status)
        {
            if (status.State != lastState)
            {
                lastState = status.State;
                connectionChanged.TrySetResult();
            }
        }

        hub.StatusChanged += OnStatus;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                Publish();
                try
                {
                    await connectionChanged.Task.WaitAsync(options.Value.TelemetryInterval, time, stoppingToken);
                    connectionChanged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }
                catch (TimeoutException)
                {
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            hub.StatusChanged -= OnStatus;
        }
    }

    private void Publish()
    {
        var view = TrainView.From(controller.Policy.Snapshot, hub, mode.Value.Mode, controller.Latched);
        producer.PublishJson(Topics.Telemetry, Source, new { time = time.GetUtcNow(), source = Source, hub = view.Hub, train = view with { Hub = null } });
    }
}
