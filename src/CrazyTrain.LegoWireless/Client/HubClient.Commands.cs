using CrazyTrain.LegoWireless.Protocol;

namespace CrazyTrain.LegoWireless.Client;

/// <summary>Motor and light commands: the intent kept across reconnects, one command per port at a time, confirmed by feedback.</summary>
public sealed partial class HubClient
{
    /// <summary>
    /// Sets the train motor's power (-100..100, <see cref="MotorPower.Float"/> or <see cref="MotorPower.Brake"/>)
    /// and waits for the hub's feedback. The value is kept as the intent even when the hub is not connected,
    /// so a reconnect applies it.
    /// </summary>
    public Task SetMotorPowerAsync(sbyte power, CancellationToken cancellationToken)
    {
        if (power is > MotorPower.MaxForward or < MotorPower.MaxReverse && power != MotorPower.Brake)
        {
            throw new ArgumentOutOfRangeException(nameof(power), power, "Power is -100..100 %, or 127 to brake.");
        }

        lock (_gate)
        {
            _intendedMotorPower = power;
        }

        return SendMotorPowerAsync(power, cancellationToken);
    }

    /// <summary>Records the motor power to apply at the next connect without sending anything (the link is down).</summary>
    public void SetIntendedMotorPower(sbyte power)
    {
        if (power is > MotorPower.MaxForward or < MotorPower.MaxReverse && power != MotorPower.Brake)
        {
            throw new ArgumentOutOfRangeException(nameof(power), power, "Power is -100..100 %, or 127 to brake.");
        }

        lock (_gate)
        {
            _intendedMotorPower = power;
        }
    }

    public Task BrakeAsync(CancellationToken cancellationToken) => SetMotorPowerAsync(MotorPower.Brake, cancellationToken);

    /// <summary>Sets the brightness of the train's lights (0..100 %) and waits for the hub's feedback.</summary>
    public Task SetLightAsync(byte percent, CancellationToken cancellationToken)
    {
        if (_options.LightPort is null)
        {
            throw new InvalidOperationException("No light port is configured.");
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, (byte)100);
        lock (_gate)
        {
            _intendedLight = percent;
        }

        return SendLightAsync(percent, cancellationToken);
    }

    /// <summary>Re-sends the intended motor power when the hub's confirmed power differs (after a timeout, say).</summary>
    public async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        sbyte? intended;
        HubStatus status;
        lock (_gate)
        {
            intended = _intendedMotorPower;
            status = _status;
        }

        if (intended is not { } power || !status.Connected)
        {
            return;
        }

        var confirmed = power == MotorPower.Brake ? status.MotorBraking && status.MotorPower == 0 : status.MotorPower == power && !status.MotorBraking;
        if (!confirmed)
        {
            await SendMotorPowerAsync(power, cancellationToken).ConfigureAwait(false);
        }
    }

    private Task SendMotorPowerAsync(sbyte power, CancellationToken cancellationToken) =>
        SendPortCommandAsync(
            _options.MotorPort,
            PortOutputCommandMessage.StartPower(_options.MotorPort, power),
            s => s with { MotorPower = power == MotorPower.Brake ? 0 : power, MotorBraking = power == MotorPower.Brake },
            s => s with { MotorPower = null, MotorBraking = false },
            cancellationToken);

    private Task SendLightAsync(byte percent, CancellationToken cancellationToken) =>
        SendPortCommandAsync(
            _options.LightPort!.Value,
            PortOutputCommandMessage.SetBrightness(_options.LightPort.Value, percent),
            s => s with { LightBrightness = percent },
            s => s with { LightBrightness = null },
            cancellationToken);

    /// <summary>
    /// One command per port at a time: feedback names only the port, so it can only be matched to the one
    /// command in flight there.
    /// </summary>
    private async Task SendPortCommandAsync(
        byte port,
        PortOutputCommandMessage command,
        Func<HubStatus, HubStatus> confirmed,
        Func<HubStatus, HubStatus> unknown,
        CancellationToken cancellationToken)
    {
        SemaphoreSlim portLock;
        lock (_gate)
        {
            if (!_portLocks.TryGetValue(port, out portLock!))
            {
                _portLocks[port] = portLock = new SemaphoreSlim(1, 1);
            }
        }

        await portLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        var feedback = new TaskCompletionSource<PortFeedback>(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            lock (_gate)
            {
                _pendingCommands[port] = feedback;
            }

            await WriteAsync(command, cancellationToken).ConfigureAwait(false);
            PortFeedback result;
            try
            {
                result = await AwaitAnswerAsync(feedback.Task, $"feedback for port {CityHubPorts.Name(port)}", cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HubTimeoutException or HubCommandRejectedException)
            {
                // The hub may or may not have carried it out: say so rather than guess.
                SetStatus(unknown);
                throw;
            }

            if ((result & (PortFeedback.Completed | PortFeedback.InProgress)) == 0)
            {
                SetStatus(unknown);
                throw new HubCommandRejectedException($"The hub discarded the command on port {CityHubPorts.Name(port)} (feedback {result}).");
            }

            SetStatus(confirmed);
        }
        finally
        {
            lock (_gate)
            {
                if (_pendingCommands.TryGetValue(port, out var pending) && ReferenceEquals(pending, feedback))
                {
                    _pendingCommands.Remove(port);
                }
            }

            portLock.Release();
        }
    }
}
