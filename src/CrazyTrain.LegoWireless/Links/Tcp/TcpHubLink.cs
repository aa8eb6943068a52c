using System.Net.Sockets;

namespace CrazyTrain.LegoWireless.Links.Tcp;

/// <summary>
/// The byte link to a hub hosted by the twin, over TCP with <see cref="GattFrame"/>s: writes go out as
/// <see cref="GattFrameKind.Write"/> frames and notifications come back through an in-order inbox, as GATT
/// notifications arrive from BlueZ. The connection is the BLE link: when it drops, the hub stops its motor.
/// </summary>
public sealed class TcpHubLink : IHubLink
{
    private readonly Uri _endpoint;
    private readonly LinkInbox _inbox;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Lock _gate = new();
    private TcpClient? _client;
    private CancellationTokenSource? _reading;
    private Task _readLoop = Task.CompletedTask;
    private string _hubName = "";

    public TcpHubLink(Uri endpoint)
    {
        if (endpoint.Scheme != "tcp" || endpoint.Port <= 0)
        {
            throw new ArgumentException($"The twin's hub endpoint must be tcp://host:port, not '{endpoint}'.", nameof(endpoint));
        }

        _endpoint = endpoint;
        _inbox = new LinkInbox(bytes => Received?.Invoke(bytes), reason => Lost?.Invoke(reason));
    }

    public string Description => _hubName.Length > 0 ? $"twin hub '{_hubName}' at {_endpoint.Authority}" : $"twin hub at {_endpoint.Authority}";

    public bool IsConnected { get { lock (_gate) { return _client is not null; } } }

    public event Action<byte[]>? Received;

    public event Action<string>? Lost;

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        await DisconnectAsync(CancellationToken.None).ConfigureAwait(false);
        var client = new TcpClient { NoDelay = true };
        try
        {
            await client.ConnectAsync(_endpoint.Host, _endpoint.Port, cancellationToken).ConfigureAwait(false);
            var first = await GattFrame.ReadAsync(client.GetStream(), cancellationToken).ConfigureAwait(false);
            switch (first)
            {
                case { Kind: GattFrameKind.Accepted } accepted:
                    _hubName = accepted.Text;
                    break;
                case { Kind: GattFrameKind.Refused } refused:
                    throw new HubLinkException($"The {Description} refused the connection: {refused.Text}");
                case null:
                    throw new HubLinkException($"The {Description} closed the connection before accepting it.");
                default:
                    throw new HubLinkException($"The {Description} opened with a {first.Value.Kind} frame instead of accepting.");
            }
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            client.Dispose();
            throw new HubLinkException($"Cannot reach the {Description}: {e.Message}", e);
        }
        catch
        {
            client.Dispose();
            throw;
        }

        var reading = new CancellationTokenSource();
        lock (_gate)
        {
            _client = client;
            _reading = reading;
            _readLoop = Task.Run(() => ReadLoopAsync(client, reading.Token), CancellationToken.None);
        }
    }

    public async Task WriteAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        TcpClient? client;
        lock (_gate)
        {
            client = _client;
        }

        if (client is null)
        {
            throw new HubLinkException($"Cannot write to the {Description}: not connected.");
        }

        var frame = new GattFrame(GattFrameKind.Write, message.ToArray()).ToBytes();
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await client.GetStream().WriteAsync(frame, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            throw new HubLinkException($"Writing to the {Description} failed: {e.Message}", e);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task DisconnectAsync(CancellationToken cancellationToken)
    {
        Task readLoop;
        CancellationTokenSource reading;
        lock (_gate)
        {
            if (_client is null)
            {
                return;
            }

            // Closing on purpose: the read loop sees the client gone and reports no loss.
            reading = _reading!;
            reading.Cancel();
            _client.Dispose();
            _client = null;
            _reading = null;
            readLoop = _readLoop;
        }

        await readLoop.ConfigureAwait(false);
        reading.Dispose();
    }

    private async Task ReadLoopAsync(TcpClient client, CancellationToken cancellationToken)
    {
        string reason;
        try
        {
            var stream = client.GetStream();
            while (true)
            {
                var frame = await GattFrame.ReadAsync(stream, cancellationToken).ConfigureAwait(false);
                if (frame is null)
                {
                    reason = "the twin closed the hub link";
                    break;
                }

                if (frame.Value.Kind == GattFrameKind.Notification)
                {
                    _inbox.Post(frame.Value.Payload);
                }
                else if (frame.Value.Kind == GattFrameKind.Dropped)
                {
                    reason = frame.Value.Text;
                    break;
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException or HubLinkException)
        {
            reason = $"the hub link failed: {e.Message}";
        }

        lock (_gate)
        {
            if (!ReferenceEquals(_client, client))
            {
                return;
            }

            _client = null;
            _reading?.Dispose();
            _reading = null;
        }

        // The link is gone without being asked: as with BLE, the hub has stopped its motor on its side.
        client.Dispose();
        _inbox.PostLost(reason);
    }

    public async ValueTask DisposeAsync()
    {
        await DisconnectAsync(CancellationToken.None).ConfigureAwait(false);
        await _inbox.DisposeAsync().ConfigureAwait(false);
        _writeLock.Dispose();
    }
}
