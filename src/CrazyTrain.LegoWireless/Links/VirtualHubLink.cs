using CrazyTrain.LegoWireless.Virtual;

namespace CrazyTrain.LegoWireless.Links;

/// <summary>
/// The byte link to a <see cref="VirtualCityHub"/>: writes are handed to the hub's device model and its
/// notifications come back through an in-order inbox, just as GATT notifications arrive from BlueZ.
/// </summary>
public sealed class VirtualHubLink : IHubLink, IVirtualHubCentral
{
    private readonly VirtualCityHub _hub;
    private readonly LinkInbox _inbox;
    private volatile bool _connected;

    public VirtualHubLink(VirtualCityHub hub)
    {
        _hub = hub;
        _inbox = new LinkInbox(bytes => Received?.Invoke(bytes), reason => Lost?.Invoke(reason));
    }

    public string Description => $"virtual City hub '{_hub.Name}'";

    public bool IsConnected => _connected;

    public event Action<byte[]>? Received;

    public event Action<string>? Lost;

    public Task ConnectAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            _connected = true;
            _hub.Connect(this);
        }
        catch (InvalidOperationException e)
        {
            _connected = false;
            throw new HubLinkException(e.Message, e);
        }

        return Task.CompletedTask;
    }

    public Task WriteAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!_connected)
        {
            throw new HubLinkException($"Cannot write to {Description}: not connected.");
        }

        _hub.Receive(this, message.ToArray());
        return Task.CompletedTask;
    }

    public Task DisconnectAsync(CancellationToken cancellationToken)
    {
        if (_connected)
        {
            _connected = false;
            _hub.Disconnect(this);
        }

        return Task.CompletedTask;
    }

    void IVirtualHubCentral.Notify(byte[] notification)
    {
        if (_connected)
        {
            _inbox.Post(notification);
        }
    }

    void IVirtualHubCentral.Dropped(string reason)
    {
        if (_connected)
        {
            _connected = false;
            _inbox.PostLost(reason);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DisconnectAsync(CancellationToken.None).ConfigureAwait(false);
        await _inbox.DisposeAsync().ConfigureAwait(false);
    }
}
