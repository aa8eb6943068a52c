namespace CrazyTrain.Controller.Orders;

/// <summary>The most recent orders (<c>GET /api/orders</c>), bounded by <see cref="ControllerOptions.OrderHistorySize"/>.</summary>
public sealed class OrderHistory(int capacity) : BoundedHistory<OrderMessage>(capacity)
{
    /// <summary>The newest <paramref name="limit"/> orders, newest first.</summary>
    public IReadOnlyList<OrderMessage> Newest(int limit) => Newest(limit, where: null);
}
