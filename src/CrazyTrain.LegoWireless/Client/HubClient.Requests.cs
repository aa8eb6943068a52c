using CrazyTrain.LegoWireless.Links;
using CrazyTrain.LegoWireless.Protocol;
using Microsoft.Extensions.Logging;

namespace CrazyTrain.LegoWireless.Client;

/// <summary>Requests and their answers: property requests, timeouts, writes, and failing whatever waits when the link goes.</summary>
public sealed partial class HubClient
{
    /// <summary>Asks the hub for one property and waits for its update.</summary>
    public async Task<HubPropertyMessage> RequestPropertyAsync(HubProperty property, CancellationToken cancellationToken)
    {
        var waiter = new TaskCompletionSource<HubPropertyMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (!_propertyWaiters.TryGetValue(property, out var waiters))
            {
                _propertyWaiters[property] = waiters = [];
            }

            waiters.Add(waiter);
        }

        try
        {
            await WriteAsync(HubPropertyMessage.Request(property), cancellationToken).ConfigureAwait(false);
            return await AwaitAnswerAsync(waiter.Task, $"property {property}", cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                _propertyWaiters.GetValueOrDefault(property)?.Remove(waiter);
            }
        }
    }

    private async Task<T> AwaitAnswerAsync<T>(Task<T> answer, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await answer.WaitAsync(_options.RequestTimeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Interlocked.Increment(ref _timeouts);
            _logger.LogWarning("The hub did not answer {What} within {Timeout}.", what, _options.RequestTimeout);
            throw new HubTimeoutException($"The hub did not answer {what} within {_options.RequestTimeout}.");
        }
    }

    private async Task WriteAsync(HubMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await _link.WriteAsync(message.ToBytes(), cancellationToken).ConfigureAwait(false);
        }
        catch (HubLinkException e)
        {
            throw new HubNotConnectedException(e.Message);
        }
    }

    private void FailWaiters(Exception error)
    {
        List<TaskCompletionSource<HubPropertyMessage>> properties;
        List<TaskCompletionSource<PortFeedback>> commands;
        lock (_gate)
        {
            properties = [.. _propertyWaiters.Values.SelectMany(w => w)];
            _propertyWaiters.Clear();
            commands = [.. _pendingCommands.Values];
            _pendingCommands.Clear();
        }

        properties.ForEach(w => w.TrySetException(error));
        commands.ForEach(c => c.TrySetException(error));
    }
}
