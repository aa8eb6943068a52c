using CrazyTrain.LegoWireless.Protocol;
using Microsoft.Extensions.Logging;

namespace CrazyTrain.LegoWireless.Client;

/// <summary>What the hub tells: notifications decoded into status, answers matched to waiting requests, link loss.</summary>
public sealed partial class HubClient
{
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
}
