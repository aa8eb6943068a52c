using System.Threading.Channels;
using CrazyTrain.LegoWireless.Links.Tcp;
using CrazyTrain.LegoWireless.Virtual;

namespace CrazyTrain.Twin.HubLink;

/// <summary>
/// The controller as the virtual hub sees it over one TCP connection: the hub's notifications and its drop are queued,
/// never written on the hub's thread (it calls back while holding its lock), and sent in order by the connection.
/// </summary>
internal sealed class TcpCentral : IVirtualHubCentral
{
    private readonly Channel<GattFrame> _outbox = Channel.CreateUnbounded<GattFrame>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<GattFrame> Outbox => _outbox.Reader;

    public void Notify(byte[] notification) => _outbox.Writer.TryWrite(new GattFrame(GattFrameKind.Notification, notification));

    /// <summary>The hub let go of this central (switched off, disconnect action, fault): say why, then the connection closes.</summary>
    public void Dropped(string reason)
    {
        _outbox.Writer.TryWrite(GattFrame.WithText(GattFrameKind.Dropped, reason));
        _outbox.Writer.TryComplete();
    }

    /// <summary>The connection is over; nothing more will be sent.</summary>
    public void Close() => _outbox.Writer.TryComplete();
}
