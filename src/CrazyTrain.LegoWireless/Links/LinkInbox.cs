using System.Threading.Channels;

namespace CrazyTrain.LegoWireless.Links;

/// <summary>
/// Delivers a link's notifications and loss to its listeners in order, one at a time, away from the thread that
/// produced them: a hub answering inside a write would otherwise re-enter the client that is writing.
/// </summary>
internal sealed class LinkInbox : IAsyncDisposable
{
    private readonly Channel<(byte[]? Notification, string? LostReason)> _channel =
        Channel.CreateUnbounded<(byte[]?, string?)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _pump;
    private readonly Action<byte[]> _onReceived;
    private readonly Action<string> _onLost;

    public LinkInbox(Action<byte[]> onReceived, Action<string> onLost)
    {
        _onReceived = onReceived;
        _onLost = onLost;
        _pump = Task.Run(PumpAsync);
    }

    public void Post(byte[] notification) => _channel.Writer.TryWrite((notification, null));

    public void PostLost(string reason) => _channel.Writer.TryWrite((null, reason));

    private async Task PumpAsync()
    {
        await foreach (var (notification, lostReason) in _channel.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                if (notification is not null)
                {
                    _onReceived(notification);
                }
                else
                {
                    _onLost(lostReason!);
                }
            }
            catch (Exception)
            {
                // A listener's failure must not stop later notifications; listeners log their own errors.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        await _pump.ConfigureAwait(false);
    }
}
