namespace CrazyTrain.LegoWireless.Links;

/// <summary>
/// A byte pipe to one hub's LWP3 characteristic: writes go to the hub, notifications come back as raw bytes.
/// The hub client above it cannot tell a Bluetooth link from a virtual one; that is the point.
/// </summary>
public interface IHubLink : IAsyncDisposable
{
    /// <summary>What this link reaches, for logs and health ("BlueZ hci0 90:84:2B:..", "virtual City hub").</summary>
    string Description { get; }

    bool IsConnected { get; }

    /// <summary>One notification from the hub (normally one LWP3 message). Raised in arrival order, never concurrently.</summary>
    event Action<byte[]>? Received;

    /// <summary>The link went away without being asked (hub off, out of range, adapter gone); the argument says why.</summary>
    event Action<string>? Lost;

    /// <summary>Finds and connects the hub and starts its notifications. Throws <see cref="HubLinkException"/> when it cannot.</summary>
    Task ConnectAsync(CancellationToken cancellationToken);

    /// <summary>Writes one message to the hub. Throws <see cref="HubLinkException"/> when the link is down.</summary>
    Task WriteAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken);

    /// <summary>Closes the link on purpose; <see cref="Lost"/> is not raised for it.</summary>
    Task DisconnectAsync(CancellationToken cancellationToken);
}

/// <summary>The link could not connect, or failed while connected.</summary>
public sealed class HubLinkException(string message, Exception? inner = null) : Exception(message, inner);
