using CrazyTrain.LegoWireless.Links;
using CrazyTrain.LegoWireless.Protocol;
using Microsoft.Extensions.Logging;

namespace CrazyTrain.LegoWireless.Client;

/// <summary>
/// Talks LWP3 to one City hub over any <see cref="IHubLink"/>: runs the connect sequence, keeps the hub's reported
/// state (<see cref="Status"/>), sends motor and light commands and waits for their feedback. Every request has
/// a timeout. <see cref="RunAsync"/> keeps the hub connected, reconnecting with backoff and re-applying the
/// intended motor power and light after every reconnect.
/// </summary>
public sealed class HubClient : IAsyncDisposable
{
    private readonly IHubLink _link;
    private readonly HubClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<byte, IoType> _attached = [];
    private readonly Dictionary<HubProperty, List<TaskCompletionSource<HubPropertyMessage>>> _propertyWaiters = [];
    private readonly Dictionary<byte, TaskCompletionSource<PortFeedback>> _pendingCommands = [];
    private readonly Dictionary<byte, SemaphoreSlim> _portLocks = [];
    private HubStatus _status = new();
    private TaskCompletionSource _connectionLost = NewSignal();
    private sbyte? _intendedMotorPower;
    private byte? _intendedLight;
    private long _malformed;
    private long _genericErrors;
    private long _timeouts;
    private long _linkLosses;
    private long _reconnects;

    public HubClient(IHubLink link, HubClientOptions options, TimeProvider time, ILogger<HubClient> logger)
    {
        _link = link;
        _options = options;
        _time = time;
        _logger = logger;
        _link.Received += OnReceived;
        _link.Lost += OnLost;
    }

    /// <summary>Raised after every change of <see cref="Status"/>, on the thread that changed it.</summary>
    public event Action<HubStatus>? StatusChanged;

    public HubStatus Status { get { lock (_gate) { return _status; } } }

    public HubCounters Counters => new(
        Interlocked.Read(ref _malformed),
        Interlocked.Read(ref _genericErrors),
        Interlocked.Read(ref _timeouts),
        Interlocked.Read(ref _linkLosses),
        Interlocked.Read(ref _reconnects));

    public string LinkDescription => _link.Description;

    /// <summary>The motor power last asked for; applied again after every reconnect.</summary>
    public sbyte? IntendedMotorPower { get { lock (_gate) { return _intendedMotorPower; } } }

    /// <summary>
    /// Keeps the hub connected until cancelled: connects, waits for the link to drop, reconnects with exponential
    /// backoff. Never throws for hub trouble; it logs, counts and shows it in <see cref="Status"/>.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var delay = _options.ReconnectInitialDelay;
        var everConnected = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            Task lost;
            try
            {
                await ConnectAsync(cancellationToken).ConfigureAwait(false);
                lock (_gate)
                {
                    lost = _connectionLost.Task;
                }

                if (everConnected)
                {
                    Interlocked.Increment(ref _reconnects);
                }

                everConnected = true;
                delay = _options.ReconnectInitialDelay;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _logger.LogWarning("Hub connect through {Link} failed ({Error}); next try in {Delay}.", _link.Description, e.Message, delay);
                try
                {
                    await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.ReconnectMaxDelay.Ticks));
                continue;
            }

            try
            {
                await lost.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// One connect: opens the link, reads name, battery and RSSI, enables their updates and the low-voltage
    /// alert, re-applies the intended motor power and light, then reports Connected. Throws when any step
    /// but the re-apply fails or times out (a re-apply that fails leaves the output unknown, for the owner to retry).
    /// </summary>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _attached.Clear();
            _connectionLost = NewSignal();
        }

        SetStatus(s => s with { State = HubConnectionState.Connecting });
        try
        {
            using (var timeout = new CancellationTokenSource(_options.ConnectTimeout, _time))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token))
            {
                try
                {
                    await _link.ConnectAsync(linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    throw new HubTimeoutException($"Connecting through {_link.Description} took longer than {_options.ConnectTimeout}.");
                }
            }

            var name = await RequestPropertyAsync(HubProperty.AdvertisingName, cancellationToken).ConfigureAwait(false);
            var battery = await RequestPropertyAsync(HubProperty.BatteryVoltage, cancellationToken).ConfigureAwait(false);
            var rssi = await RequestPropertyAsync(HubProperty.Rssi, cancellationToken).ConfigureAwait(false);
            foreach (var property in UpdatedProperties)
            {
                await WriteAsync(HubPropertyMessage.EnableUpdates(property), cancellationToken).ConfigureAwait(false);
            }

            await WriteAsync(new HubAlertMessage(HubAlertType.LowVoltage, HubAlertOperation.EnableUpdates), cancellationToken).ConfigureAwait(false);

            // Before reporting Connected, so whoever waits for that sees the intent already applied, not unknown.
            await ReapplyIntentAsync(cancellationToken).ConfigureAwait(false);
            if (!_link.IsConnected)
            {
                throw new HubNotConnectedException($"The link through {_link.Description} was lost during the connect sequence.");
            }

            SetStatus(s => s with
            {
                State = HubConnectionState.Connected,
                Name = name.Name,
                BatteryPercent = battery.BatteryPercent,
                Rssi = rssi.Rssi,
                LastError = null,
            });
            _logger.LogInformation(
                "Hub '{Name}' connected through {Link}: battery {Battery}%, RSSI {Rssi}, motor on port {MotorPort}: {MotorAttached}.",
                name.Name, _link.Description, battery.BatteryPercent, rssi.Rssi, CityHubPorts.Name(_options.MotorPort), Status.MotorAttached);
        }
        catch (Exception e)
        {
            SetStatus(s => Disconnected(s, e.Message));
            try
            {
                await _link.DisconnectAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception disconnectError)
            {
                _logger.LogDebug(disconnectError, "Closing {Link} after a failed connect also failed.", _link.Description);
            }

            throw;
        }
    }

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

    /// <summary>Asks the hub for one property and waits for its update.</summary>
    public async Task<HubPropertyMessage> RequestPropertyAsync(HubProperty property, CancellationToken cancellationToken)
    {
        var waiter = new TaskCompletionSource<HubPropertyMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (!_propertyWaiters.TryGetValue(property, out var waiters))
            {
                _propertyWaiters[property] = waiters = [];
            }

            waiters.Add(waiter);
        }

        try
        {
            await WriteAsync(HubPropertyMessage.Request(property), cancellationToken).ConfigureAwait(false);
            return await AwaitAnswerAsync(waiter.Task, $"property {property}", cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                _propertyWaiters.GetValueOrDefault(property)?.Remove(waiter);
            }
        }
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

    /// <summary>Closes the link on purpose. The intent is kept for a later connect.</summary>
    public async Task DisconnectAsync(CancellationToken cancellationToken)
    {
        await _link.DisconnectAsync(cancellationToken).ConfigureAwait(false);
        FailWaiters(new HubNotConnectedException("Disconnected on request."));
        SetStatus(s => Disconnected(s, null));
    }

    private async Task ReapplyIntentAsync(CancellationToken cancellationToken)
    {
        sbyte? motor;
        byte? light;
        lock (_gate)
        {
            motor = _intendedMotorPower;
            light = _intendedLight;
        }

        try
        {
            if (motor is { } power)
            {
                await SendMotorPowerAsync(power, cancellationToken).ConfigureAwait(false);
            }

            if (light is { } brightness && _options.LightPort is not null)
            {
                await SendLightAsync(brightness, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is HubTimeoutException or HubCommandRejectedException or HubNotConnectedException)
        {
            // The hub's status shows the power as unknown; the owner reconciles or the next reconnect retries.
            _logger.LogWarning("Re-applying the intended state after connecting failed: {Error}", e.Message);
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

    private async Task<T> AwaitAnswerAsync<T>(Task<T> answer, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await answer.WaitAsync(_options.RequestTimeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Interlocked.Increment(ref _timeouts);
            _logger.LogWarning("The hub did not answer {What} within {Timeout}.", what, _options.RequestTimeout);
            throw new HubTimeoutException($"The hub did not answer {what} within {_options.RequestTimeout}.");
        }
    }

    private async Task WriteAsync(HubMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await _link.WriteAsync(message.ToBytes(), cancellationToken).ConfigureAwait(false);
        }
        catch (HubLinkException e)
        {
            throw new HubNotConnectedException(e.Message);
        }
    }

    private void OnReceived(byte[] notification)
    {
        IReadOnlyList<byte[]> messages;
        try
        {
            messages = LwpFraming.Split(notification);
        }
        catch (LwpFormatException e)
        {
            CountMalformed(e);
            return;
        }

        foreach (var bytes in messages)
        {
            HubMessage message;
            try
            {
                message = LwpCodec.Decode(bytes);
            }
            catch (LwpFormatException e)
            {
                CountMalformed(e);
                continue;
            }

            Handle(message);
        }
    }

    private void CountMalformed(LwpFormatException e)
    {
        Interlocked.Increment(ref _malformed);
        _logger.LogWarning("Dropped a malformed notification from the hub: {Error}", e.Message);
    }

    private void Handle(HubMessage message)
    {
        var now = _time.GetUtcNow();
        switch (message)
        {
            case HubPropertyMessage { Operation: HubPropertyOperation.Update } update:
                OnPropertyUpdate(update, now);
                break;
            case HubAlertMessage { Operation: HubAlertOperation.Update, Alert: HubAlertType.LowVoltage } alert:
                if (alert.Alerting == true)
                {
                    _logger.LogWarning("Hub reports low battery voltage: speed control becomes unreliable.");
                }

                SetStatus(s => s with { LowVoltage = alert.Alerting == true, LastMessageAt = now });
                break;
            case HubAttachedIoMessage io:
                bool motorAttached, lightAttached;
                lock (_gate)
                {
                    if (io.Event == AttachedIoEvent.Detached)
                    {
                        _attached.Remove(io.Port);
                    }
                    else
                    {
                        _attached[io.Port] = io.IoType;
                    }

                    motorAttached = _attached.GetValueOrDefault(_options.MotorPort) is IoType.TrainMotor or IoType.Motor;
                    lightAttached = _options.LightPort is { } lightPort && _attached.GetValueOrDefault(lightPort) == IoType.LedLight;
                }

                SetStatus(s => s with { MotorAttached = motorAttached, LightAttached = lightAttached, LastMessageAt = now });
                break;
            case GenericErrorMessage error:
                OnGenericError(error);
                break;
            case PortOutputFeedbackMessage feedback:
                foreach (var entry in feedback.Entries)
                {
                    // Only an end state settles a command; "in progress" alone may be followed by "completed".
                    if ((entry.Feedback & (PortFeedback.Completed | PortFeedback.Discarded | PortFeedback.Idle)) == 0)
                    {
                        continue;
                    }

                    TaskCompletionSource<PortFeedback>? pending;
                    lock (_gate)
                    {
                        _pendingCommands.Remove(entry.Port, out pending);
                    }

                    pending?.TrySetResult(entry.Feedback);
                }

                SetStatus(s => s with { LastMessageAt = now });
                break;
            case HubActionMessage action:
                _logger.LogWarning("Hub announces {Action}.", action.Action);
                SetStatus(s => s with { LastMessageAt = now, LastError = $"hub announced {action.Action}" });
                break;
            default:
                _logger.LogDebug("Ignored hub message type 0x{Type:X2}.", message.TypeCode);
                break;
        }
    }

    private void OnPropertyUpdate(HubPropertyMessage update, DateTimeOffset now)
    {
        switch (update.Property)
        {
            case HubProperty.BatteryVoltage:
                SetStatus(s => s with { BatteryPercent = update.BatteryPercent, LastMessageAt = now });
                break;
            case HubProperty.Rssi:
                SetStatus(s => s with { Rssi = update.Rssi, LastMessageAt = now });
                break;
            case HubProperty.Button:
                SetStatus(s => s with { ButtonPressed = update.ButtonPressed, LastMessageAt = now });
                break;
            case HubProperty.AdvertisingName:
                SetStatus(s => s with { Name = update.Name, LastMessageAt = now });
                break;
            default:
                SetStatus(s => s with { LastMessageAt = now });
                break;
        }

        List<TaskCompletionSource<HubPropertyMessage>>? waiters;
        lock (_gate)
        {
            if (_propertyWaiters.Remove(update.Property, out waiters))
            {
                waiters = [.. waiters];
            }
        }

        foreach (var waiter in waiters ?? [])
        {
            waiter.TrySetResult(update);
        }
    }

    private void OnGenericError(GenericErrorMessage error)
    {
        Interlocked.Increment(ref _genericErrors);
        _logger.LogWarning("Hub answered message type 0x{Type:X2} with error {Code}.", error.CommandType, error.Code);
        var rejection = new HubCommandRejectedException($"The hub answered message type 0x{error.CommandType:X2} with {error.Code}.", error.Code);
        if (error.CommandType == (byte)MessageType.HubProperties)
        {
            List<TaskCompletionSource<HubPropertyMessage>> waiters;
            lock (_gate)
            {
                waiters = [.. _propertyWaiters.Values.SelectMany(w => w)];
                _propertyWaiters.Clear();
            }

            waiters.ForEach(w => w.TrySetException(rejection));
        }
        else if (error.CommandType == (byte)MessageType.PortOutputCommand)
        {
            List<TaskCompletionSource<PortFeedback>> pending;
            lock (_gate)
            {
                pending = [.. _pendingCommands.Values];
                _pendingCommands.Clear();
            }

            pending.ForEach(p => p.TrySetException(rejection));
        }
    }

    private void OnLost(string reason)
    {
        Interlocked.Increment(ref _linkLosses);
        _logger.LogWarning("Link to the hub lost ({Reason}).", reason);
        FailWaiters(new HubNotConnectedException($"The link to the hub was lost: {reason}."));
        TaskCompletionSource lost;
        lock (_gate)
        {
            lost = _connectionLost;
        }

        SetStatus(s => Disconnected(s, reason));
        lost.TrySetResult();
    }

    private void FailWaiters(Exception error)
    {
        List<TaskCompletionSource<HubPropertyMessage>> properties;
        List<TaskCompletionSource<PortFeedback>> commands;
        lock (_gate)
        {
            properties = [.. _propertyWaiters.Values.SelectMany(w => w)];
            _propertyWaiters.Clear();
            commands = [.. _pendingCommands.Values];
            _pendingCommands.Clear();
        }

        properties.ForEach(w => w.TrySetException(error));
        commands.ForEach(c => c.TrySetException(error));
    }

    /// <summary>What is still true when the link is gone: the last name and battery reading; nothing about outputs.</summary>
    private static HubStatus Disconnected(HubStatus s, string? error) => s with
    {
        State = HubConnectionState.Disconnected,
        Rssi = null,
        MotorPower = null,
        MotorBraking = false,
        LightBrightness = null,
        ButtonPressed = false,
        LastError = error,
    };

    private void SetStatus(Func<HubStatus, HubStatus> change)
    {
        HubStatus next;
        lock (_gate)
        {
            next = change(_status);
            if (next == _status)
            {
                return;
            }

            _status = next;
        }

        StatusChanged?.Invoke(next);
    }

    private static readonly HubProperty[] UpdatedProperties = [HubProperty.BatteryVoltage, HubProperty.Rssi, HubProperty.Button];

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async ValueTask DisposeAsync()
    {
        _link.Received -= OnReceived;
        _link.Lost -= OnLost;
        FailWaiters(new ObjectDisposedException(nameof(HubClient)));
        await _link.DisposeAsync().ConfigureAwait(false);
        foreach (var portLock in _portLocks.Values)
        {
            portLock.Dispose();
        }
    }
}
