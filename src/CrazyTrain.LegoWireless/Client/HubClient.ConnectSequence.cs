using CrazyTrain.LegoWireless.Protocol;
using Microsoft.Extensions.Logging;

namespace CrazyTrain.LegoWireless.Client;

/// <summary>The connect sequence: open the link, read and subscribe to the hub's properties, re-apply the intent.</summary>
public sealed partial class HubClient
{
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

    private static readonly HubProperty[] UpdatedProperties = [HubProperty.BatteryVoltage, HubProperty.Rssi, HubProperty.Button];
}
