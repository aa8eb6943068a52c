using System.Net;
using System.Net.Sockets;
using CrazyTrain.LegoWireless.Links;
using CrazyTrain.LegoWireless.Links.Tcp;
using CrazyTrain.LegoWireless.Virtual;
using Microsoft.Extensions.Options;

namespace CrazyTrain.Twin.HubLink;

/// <summary>
/// Serves the virtual City hub to one controller at a time over TCP (<see cref="GattFrame"/>s, docs/twin.md). The TCP
/// connection stands for the BLE link: when it drops, for whatever reason, the hub stops its motor as the stock hub
/// does when its central goes away. That is the dead-man the controller's safety builds on.
/// </summary>
internal sealed class HubLinkServer(VirtualCityHub hub, IOptions<TwinOptions> options, ILogger<HubLinkServer> logger) : BackgroundService
{
    private TcpListener? _listener;

    /// <summary>The port listened on; known once started (a configured 0 picks a free one, for tests).</summary>
    public int Port { get; private set; }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Bound before the service reports started, so whoever waits for health can connect at once.
        var listener = new TcpListener(IPAddress.IPv6Any, options.Value.HubPort);
        listener.Server.DualMode = true;
        listener.Start();
        _listener = listener;
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        logger.LogInformation("Virtual City hub '{Hub}' listens for the controller on TCP port {Port}.", hub.Name, Port);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connections = new List<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var client = await _listener!.AcceptTcpClientAsync(stoppingToken).ConfigureAwait(false);
                connections.RemoveAll(c => c.IsCompleted);
                connections.Add(Task.Run(() => ServeAsync(client, stoppingToken), CancellationToken.None));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            _listener!.Stop();
            await Task.WhenAll(connections).ConfigureAwait(false);
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken stoppingToken)
    {
        using var _ = client;
        client.NoDelay = true;
        var peer = client.Client.RemoteEndPoint?.ToString() ?? "?";
        var stream = client.GetStream();
        var central = new TcpCentral();
        try
        {
            hub.Connect(central);
        }
        catch (InvalidOperationException e)
        {
            logger.LogWarning("Refused a controller from {Peer}: {Reason}", peer, e.Message);
            await TrySendAsync(stream, GattFrame.WithText(GattFrameKind.Refused, e.Message), stoppingToken).ConfigureAwait(false);
            return;
        }

        logger.LogInformation("Controller {Peer} connected to the virtual hub.", peer);
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var reason = "the link closed";
        var sender = Task.CompletedTask;
        try
        {
            // Accepted goes first; the attached I/O the hub announced on connecting waits in the outbox behind it.
            await stream.WriteAsync(GattFrame.WithText(GattFrameKind.Accepted, hub.Name).ToBytes(), connection.Token).ConfigureAwait(false);
            sender = Task.Run(() => SendAsync(client, central, connection), CancellationToken.None);
            while (await GattFrame.ReadAsync(stream, connection.Token).ConfigureAwait(false) is { } frame)
            {
                if (frame.Kind != GattFrameKind.Write)
                {
                    reason = $"the controller sent a {frame.Kind} frame, which only a hub sends";
                    break;
                }

                hub.Receive(central, frame.Payload);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or HubLinkException or ObjectDisposedException)
        {
            reason = stoppingToken.IsCancellationRequested ? "the twin is stopping" : $"the link failed: {e.Message}";
        }
        finally
        {
            // Whatever ended the connection, the hub loses its central: it stops the motor (a no-op if the hub dropped first).
            hub.Disconnect(central);
            central.Close();
            await connection.CancelAsync().ConfigureAwait(false);
            await sender.ConfigureAwait(false);
            logger.LogInformation("Controller {Peer} left the virtual hub: {Reason}.", peer, reason);
        }
    }

    /// <summary>Sends the hub's notifications in order; after the hub drops the central, closes the connection.</summary>
    private static async Task SendAsync(TcpClient client, TcpCentral central, CancellationTokenSource connection)
    {
        try
        {
            await foreach (var frame in central.Outbox.ReadAllAsync(connection.Token).ConfigureAwait(false))
            {
                await client.GetStream().WriteAsync(frame.ToBytes(), connection.Token).ConfigureAwait(false);
            }

            // The hub let go (or the connection is over): closing makes the reader above end too.
            client.Client.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private static async Task TrySendAsync(Stream stream, GattFrame frame, CancellationToken cancellationToken)
    {
        try
        {
            await stream.WriteAsync(frame.ToBytes(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
        }
    }
}
