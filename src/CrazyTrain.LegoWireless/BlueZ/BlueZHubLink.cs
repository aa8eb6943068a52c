using CrazyTrain.LegoWireless.Links;
using CrazyTrain.LegoWireless.Protocol;
using Microsoft.Extensions.Logging;
using Tmds.DBus.Protocol;

namespace CrazyTrain.LegoWireless.BlueZ;

/// <summary>
/// The byte link to a real hub through BlueZ over D-Bus: finds the hub by its LWP3 service UUID (or the
/// configured address), connects it, subscribes to the characteristic's value changes before StartNotify,
/// writes commands with WriteValue and reports a loss when Device1.Connected turns false or the bus goes away.
/// Reconnecting is the hub client's job: it calls <see cref="ConnectAsync"/> again with backoff.
/// </summary>
public sealed class BlueZHubLink : IHubLink
{
    private readonly BlueZLinkOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly LinkInbox _inbox;
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private BlueZBus? _bus;
    private IDisposable? _deviceWatch;
    private IDisposable? _valueWatch;
    private string? _devicePath;
    private string? _characteristicPath;
    private volatile bool _connected;

    public BlueZHubLink(BlueZLinkOptions options, TimeProvider time, ILogger<BlueZHubLink> logger)
    {
        _options = options;
        _time = time;
        _logger = logger;
        _inbox = new LinkInbox(bytes => Received?.Invoke(bytes), reason => Lost?.Invoke(reason));
    }

    public string Description => $"BlueZ {_options.Adapter} {_options.DeviceAddress ?? _devicePath ?? "(first LWP3 hub)"}";

    public bool IsConnected => _connected;

    public event Action<byte[]>? Received;

    public event Action<string>? Lost;

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        await _connectLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            StopWatching();
            var bus = await GetBusAsync().ConfigureAwait(false);
            var devicePath = await FindHubAsync(bus, cancellationToken).ConfigureAwait(false);
            _devicePath = devicePath;
            _deviceWatch = await bus.WatchPropertiesAsync(devicePath, OnDevicePropertiesChanged).ConfigureAwait(false);
            try
            {
                await bus.CallAsync(devicePath, BlueZBus.DeviceInterface, "Connect").WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DBusErrorReplyException e) when (e.ErrorName == "org.bluez.Error.AlreadyConnected")
            {
                // Another process (or a previous run of ours) holds the connection; using it is fine.
            }

            var characteristicPath = await FindCharacteristicAsync(bus, devicePath, cancellationToken).ConfigureAwait(false);
            _characteristicPath = characteristicPath;

            // Subscribe first: the hub announces its attached I/O the moment notifications start, and a
            // match added after StartNotify would miss those first notifications.
            _valueWatch = await bus.WatchPropertiesAsync(characteristicPath, OnCharacteristicPropertiesChanged).ConfigureAwait(false);
            _connected = true;
            await bus.CallAsync(characteristicPath, BlueZBus.CharacteristicInterface, "StartNotify").WaitAsync(cancellationToken).ConfigureAwait(false);
            _logger.LogInformation("BlueZ link to {Device} open, notifications on {Characteristic}.", devicePath, characteristicPath);
        }
        catch (Exception e) when (e is DBusExceptionBase or DBusConnectFailedException or DBusConnectionException)
        {
            _connected = false;
            StopWatching();
            throw new HubLinkException($"BlueZ: {e.Message}", e);
        }
        catch
        {
            _connected = false;
            StopWatching();
            throw;
        }
        finally
        {
            _connectLock.Release();
        }
    }

    public async Task WriteAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        var bus = _bus;
        var characteristic = _characteristicPath;
        if (!_connected || bus is null || characteristic is null)
        {
            throw new HubLinkException($"Cannot write to {Description}: not connected.");
        }

        try
        {
            await bus.WriteValueAsync(characteristic, message.Span, _options.WriteType).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DBusExceptionBase or DBusConnectionException or ObjectDisposedException)
        {
            throw new HubLinkException($"BlueZ write to {characteristic} failed: {e.Message}", e);
        }
    }

    public async Task DisconnectAsync(CancellationToken cancellationToken)
    {
        var wasConnected = _connected;
        _connected = false;
        StopWatching();
        if (!wasConnected || _bus is null || _devicePath is null)
        {
            return;
        }

        try
        {
            if (_characteristicPath is not null)
            {
                await _bus.CallAsync(_characteristicPath, BlueZBus.CharacteristicInterface, "StopNotify").WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            await _bus.CallAsync(_devicePath, BlueZBus.DeviceInterface, "Disconnect").WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DBusExceptionBase or DBusConnectionException)
        {
            _logger.LogDebug("Disconnecting {Device}: {Error}", _devicePath, e.Message);
        }
    }

    private async Task<BlueZBus> GetBusAsync()
    {
        if (_bus is { } existing)
        {
            return existing;
        }

        var connection = new DBusConnection(_options.BusAddress);
        try
        {
            await connection.ConnectAsync().ConfigureAwait(false);
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        _ = WatchBusAsync(connection);
        return _bus = new BlueZBus(connection);
    }

    private async Task WatchBusAsync(DBusConnection connection)
    {
        var error = await connection.DisconnectedAsync().ConfigureAwait(false);
        _bus = null;
        ReportLost($"D-Bus connection closed: {error?.Message ?? "no reason given"}");
    }

    private async Task<string> FindHubAsync(BlueZBus bus, CancellationToken cancellationToken)
    {
        var adapterPath = $"/org/bluez/{_options.Adapter}";
        var deadline = _time.GetUtcNow() + _options.DiscoveryTimeout;
        var discovering = false;
        try
        {
            while (true)
            {
                var objects = await bus.GetManagedObjectsAsync().ConfigureAwait(false);
                if (!objects.TryGetValue(adapterPath, out var adapter) || !adapter.ContainsKey(BlueZBus.AdapterInterface))
                {
                    throw new HubLinkException($"BlueZ has no adapter {_options.Adapter} (is Bluetooth on, is /run/dbus mounted?).");
                }

                var device = objects.FirstOrDefault(o => o.Key.StartsWith(adapterPath + "/", StringComparison.Ordinal) && IsWantedHub(_options, o.Value));
                if (device.Key is not null)
                {
                    return device.Key;
                }

                if (!discovering)
                {
                    await StartDiscoveryAsync(bus, adapterPath).ConfigureAwait(false);
                    discovering = true;
                }

                if (_time.GetUtcNow() >= deadline)
                {
                    throw new HubLinkException(_options.DeviceAddress is { } address
                        ? $"Hub {address} not found by {_options.Adapter} within {_options.DiscoveryTimeout}."
                        : $"No hub advertising the LWP3 service found by {_options.Adapter} within {_options.DiscoveryTimeout}.");
                }

                await Task.Delay(_options.PollInterval, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            if (discovering)
            {
                try
                {
                    await bus.CallAsync(adapterPath, BlueZBus.AdapterInterface, "StopDiscovery").ConfigureAwait(false);
                }
                catch (DBusExceptionBase e)
                {
                    _logger.LogDebug("StopDiscovery: {Error}", e.Message);
                }
            }
        }
    }

    private async Task StartDiscoveryAsync(BlueZBus bus, string adapterPath)
    {
        try
        {
            await bus.SetDiscoveryFilterAsync(adapterPath, LwpUuids.HubService).ConfigureAwait(false);
        }
        catch (DBusErrorReplyException e)
        {
            _logger.LogDebug("SetDiscoveryFilter: {Error}", e.Message);
        }

        try
        {
            await bus.CallAsync(adapterPath, BlueZBus.AdapterInterface, "StartDiscovery").ConfigureAwait(false);
        }
        catch (DBusErrorReplyException e) when (e.ErrorName == "org.bluez.Error.InProgress")
        {
            // Someone else is scanning already; their results land in the same object tree.
        }
    }

    /// <summary>The hub these options name: by address when one is set, else any device offering the LWP3 service.</summary>
    internal static bool IsWantedHub(BlueZLinkOptions options, Dictionary<string, Dictionary<string, VariantValue>> interfaces)
    {
        if (!interfaces.TryGetValue(BlueZBus.DeviceInterface, out var device))
        {
            return false;
        }

        if (options.DeviceAddress is { Length: > 0 } address)
        {
            return device.TryGetValue("Address", out var value)
                && string.Equals(value.GetString(), address, StringComparison.OrdinalIgnoreCase);
        }

        return device.TryGetValue("UUIDs", out var uuids)
            && uuids.GetArray<string>().Any(u => string.Equals(u, LwpUuids.HubService, StringComparison.OrdinalIgnoreCase));
    }

    private async Task<string> FindCharacteristicAsync(BlueZBus bus, string devicePath, CancellationToken cancellationToken)
    {
        var deadline = _time.GetUtcNow() + _options.ServicesTimeout;
        while (true)
        {
            var objects = await bus.GetManagedObjectsAsync().ConfigureAwait(false);
            var characteristic = objects.FirstOrDefault(o =>
                o.Key.StartsWith(devicePath + "/", StringComparison.Ordinal)
                && o.Value.TryGetValue(BlueZBus.CharacteristicInterface, out var properties)
                && properties.TryGetValue("UUID", out var uuid)
                && string.Equals(uuid.GetString(), LwpUuids.HubCharacteristic, StringComparison.OrdinalIgnoreCase));
            if (characteristic.Key is not null)
            {
                return characteristic.Key;
            }

            if (_time.GetUtcNow() >= deadline)
            {
                throw new HubLinkException($"{devicePath} exposes no LWP3 characteristic within {_options.ServicesTimeout}: not a LEGO hub, or its services did not resolve.");
            }

            await Task.Delay(_options.PollInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private void OnDevicePropertiesChanged(string @interface, Dictionary<string, VariantValue> changed)
    {
        if (@interface == BlueZBus.DeviceInterface
            && changed.TryGetValue("Connected", out var connected)
            && connected.Type == VariantValueType.Bool
            && !connected.GetBool())
        {
            ReportLost("Device1.Connected became false");
        }
    }

    private void OnCharacteristicPropertiesChanged(string @interface, Dictionary<string, VariantValue> changed)
    {
        if (_connected
            && @interface == BlueZBus.CharacteristicInterface
            && changed.TryGetValue("Value", out var value)
            && value.Type == VariantValueType.Array)
        {
            _inbox.Post(value.GetArray<byte>());
        }
    }

    private void ReportLost(string reason)
    {
        if (!_connected)
        {
            return;
        }

        _connected = false;
        StopWatching();
        _inbox.PostLost(reason);
    }

    private void StopWatching()
    {
        Interlocked.Exchange(ref _valueWatch, null)?.Dispose();
        Interlocked.Exchange(ref _deviceWatch, null)?.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await DisconnectAsync(CancellationToken.None).ConfigureAwait(false);
        _bus?.Connection.Dispose();
        await _inbox.DisposeAsync().ConfigureAwait(false);
        _connectLock.Dispose();
    }
}
