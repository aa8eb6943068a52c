using CrazyTrain.LegoWireless.BlueZ;

namespace CrazyTrain.HubGuard.Cutting;

/// <summary>On the edge: <c>org.bluez.Device1.Disconnect</c> on the hub, through the node's D-Bus the guard shares with the controller.</summary>
internal sealed class BlueZLinkCutter(BlueZLinkOptions options) : ILinkCutter
{
    private readonly BlueZHubDisconnector _disconnector = new(options);

    public string Target => $"BlueZ {options.Adapter} {options.DeviceAddress ?? "(every LWP3 hub)"}";

    public async Task<CutOutcome> CutAsync(string reason, CancellationToken cancellationToken)
    {
        var cut = await _disconnector.DisconnectAsync(cancellationToken);
        return cut.Count == 0 ? new(false, "no hub was connected") : new(true, $"disconnected {string.Join(", ", cut)}");
    }
}
