using System.Diagnostics;
using CrazyTrain.Controller.Driving;
using CrazyTrain.Controller.Health;
using CrazyTrain.LegoWireless.Client;
using CrazyTrain.LegoWireless.Protocol;
using Microsoft.Extensions.Options;

namespace CrazyTrain.Controller.Hub;

/// <summary>
/// Keeps the hub connected and makes it do what the policy wants: applies the motor setpoint whenever it
/// changes or the hub has not confirmed it, and the lights while the train is in service. Runs apart from the
/// policy's clock so a hub that hangs cannot delay the fail-safe. On shutdown it brakes the train.
/// </summary>
internal sealed partial class HubDriver(
    HubClient hub,
    TrainController controller,
    IOptions<ControllerOptions> options,
    TimeProvider time,
    ControllerHeartbeats heartbeats,
    ControllerTelemetry telemetry,
    ILogger<HubDriver> logger) : BackgroundService
{
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(1);
    private sbyte? _lastSent;
    private int? _lastLight;
    private DateTimeOffset _retryAt;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var supervisor = hub.RunAsync(stoppingToken);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                heartbeats.HubDriver.Beat();
                var changed = controller.Changed;
                await ApplyAsync(stoppingToken);
                try
                {
                    await changed.WaitAsync(options.Value.TickInterval, time, stoppingToken);
                }
                catch (TimeoutException)
                {
                    // A tick without news: check the hub's confirmed state again anyway.
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await supervisor;
    }

    private async Task ApplyAsync(CancellationToken stoppingToken)
    {
        var setpoint = MotorPowerByte.Encode(controller.Policy.MotorSetpoint);
        var status = hub.Status;
        if (!status.Connected)
        {
            // The hub client applies the intent as soon as it (re)connects.
            _lastSent = null;
            _lastLight = null;
            hub.SetIntendedMotorPower(setpoint);
            return;
        }

        var confirmed = setpoint == MotorPower.Brake
            ? status is { MotorBraking: true, MotorPower: 0 }
            : status.MotorPower == setpoint && !status.MotorBraking;
        if (confirmed)
        {
            // Already what the hub reports (the connect sequence re-applied it, say): nothing to send.
            _lastSent = setpoint;
        }
        else if (setpoint != _lastSent || time.GetUtcNow() >= _retryAt)
        {
            await SendMotorAsync(setpoint, status, stoppingToken);
        }

        var light = controller.Policy.Snapshot.State == DrivingState.Idle ? 0 : options.Value.LightBrightness;
        if (status.LightAttached && light != _lastLight)
        {
            try
            {
                await hub.SetLightAsync((byte)light, stoppingToken);
                _lastLight = light;
            }
            catch (Exception e) when (e is HubTimeoutException or HubCommandRejectedException or HubNotConnectedException)
            {
                LogLightFailed(e.Message);
            }
        }
    }

    private async Task SendMotorAsync(sbyte setpoint, HubStatus status, CancellationToken stoppingToken)
    {
        using var activity = ControllerTelemetry.ActivitySource.StartActivity("hub motor power", ActivityKind.Client, controller.SetpointCause);
        activity?.SetTag("crazytrain.hub.name", status.Name);
        activity?.SetTag("crazytrain.hub.port", "A");
        activity?.SetTag("crazytrain.hub.power", setpoint);
        try
        {
            _lastSent = setpoint;
            await hub.SetMotorPowerAsync(setpoint, stoppingToken);
            activity?.SetTag("crazytrain.hub.confirmed_power", hub.Status.MotorPower);
        }
        catch (Exception e) when (e is HubTimeoutException or HubCommandRejectedException or HubNotConnectedException)
        {
            _retryAt = time.GetUtcNow() + RetryAfterFailure;
            telemetry.HubCommandFailures.Add(1);
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            LogMotorFailed(setpoint, e.Message);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);

        // The controller is going away: leave the train braked, not running blind.
        if (hub.Status.Connected)
        {
            try
            {
                await hub.BrakeAsync(cancellationToken);
                LogBrakedOnShutdown();
            }
            catch (Exception e) when (e is HubTimeoutException or HubCommandRejectedException or HubNotConnectedException or OperationCanceledException)
            {
                LogBrakeOnShutdownFailed(e.Message);
            }
        }

        try
        {
            await hub.DisconnectAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogDisconnectFailed(e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The hub did not confirm motor power {Power}: {Error}; retrying")]
    private partial void LogMotorFailed(sbyte power, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The hub did not confirm the light: {Error}")]
    private partial void LogLightFailed(string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Controller stopping: train braked")]
    private partial void LogBrakedOnShutdown();

    [LoggerMessage(Level = LogLevel.Error, Message = "Controller stopping: could not brake the train: {Error}")]
    private partial void LogBrakeOnShutdownFailed(string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Disconnecting the hub on shutdown failed: {Error}")]
    private partial void LogDisconnectFailed(string error);
}
