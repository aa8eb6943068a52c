using Tmds.DBus.Protocol;

namespace CrazyTrain.LegoWireless.BlueZ;

/// <summary>
/// Cuts the hub's Bluetooth link from the adapter's side (<c>org.bluez.Device1.Disconnect</c>), whoever holds it: the
/// hub guard's way to stop the train when the controller no longer can. The stock City hub halts its motor when its
/// link drops; the controller sees <c>Connected</c> turn false and reconnects once it is healthy again.
/// </summary>
public sealed class BlueZHubDisconnector(BlueZLinkOptions options)
{
    /// <summary>Disconnects every connected device on the adapter that is the hub; returns their object paths (empty when none was connected).</summary>
    public async Task<IReadOnlyList<string>> DisconnectAsync(CancellationToken cancellationToken)
    {
        // A fresh connection per cut: the guard must not depend on a bus connection that went stale while all was well.
        using var connection = new DBusConnection(options.BusAddress);
        await connection.ConnectAsync().AsTask().WaitAsync(cancellationToken).ConfigureAwait(false);
        var bus = new BlueZBus(connection);
        var objects = await bus.GetManagedObjectsAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        var adapterPath = $"/org/bluez/{options.Adapter}/";
        var cut = new List<string>();
        foreach (var (path, interfaces) in objects)
        {
            // Not filtered on the listed Connected property: it may lag the link, and BlueZ answers NotConnected anyway.
            if (!path.StartsWith(adapterPath, StringComparison.Ordinal) || !BlueZHubLink.IsWantedHub(options, interfaces))
            {
                continue;
            }

            try
            {
                await bus.CallAsync(path, BlueZBus.DeviceInterface, "Disconnect").WaitAsync(cancellationToken).ConfigureAwait(false);
                cut.Add(path);
            }
            catch (DBusErrorReplyException e) when (e.ErrorName == "org.bluez.Error.NotConnected")
            {
                // Nobody holds this hub: nothing to cut.
            }
        }

        return cut;
    }
}
