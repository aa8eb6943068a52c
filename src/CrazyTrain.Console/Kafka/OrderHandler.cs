using CrazyTrain.Console.State;
using CrazyTrain.Messaging;

namespace CrazyTrain.Console.Kafka;

/// <summary><c>train.orders</c> -> the hub's order history.</summary>
internal sealed partial class OrderHandler(TrainStateHub hub, ILogger<OrderHandler> logger) : ITopicHandler
{
    public Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        if (!JsonMessage.TryParseObject(message, out var order, out var error))
        {
            hub.OnRejected();
            LogRejected(message.Partition, message.Offset, error!);
            return Task.CompletedTask;
        }

        hub.OnOrder(order);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order at partition {Partition} offset {Offset} skipped: {Reason}")]
    private partial void LogRejected(int partition, long offset, string reason);
}
