using Microsoft.Extensions.Logging;

namespace CrazyTrain.LegoWireless.Client;

/// <summary>Keeping the hub connected: reconnect with exponential backoff until cancelled.</summary>
public sealed partial class HubClient
{
    /// <summary>
    /// Keeps the hub connected until cancelled: connects, waits for the link to drop, reconnects with exponential
    /// backoff. Never throws for hub trouble; it logs, counts and shows it in <see cref="Status"/>.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var delay = _options.ReconnectInitialDelay;
        var everConnected = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            Task lost;
            try
            {
                await ConnectAsync(cancellationToken).ConfigureAwait(false);
                lock (_gate)
                {
                    lost = _connectionLost.Task;
                }

                if (everConnected)
                {
                    Interlocked.Increment(ref _reconnects);
                }

                everConnected = true;
                delay = _options.ReconnectInitialDelay;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _logger.LogWarning("Hub connect through {Link} failed ({Error}); next try in {Delay}.", _link.Description, e.Message, delay);
                try
                {
                    await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.ReconnectMaxDelay.Ticks));
                continue;
            }

            try
            {
                await lost.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
