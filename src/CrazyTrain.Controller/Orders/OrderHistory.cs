namespace CrazyTrain.Controller.Orders;

/// <summary>The most recent orders, bounded so a long run cannot grow memory.</summary>
public sealed class OrderHistory(int capacity)
{
    private readonly Lock _gate = new();
    private readonly LinkedList<OrderMessage> _orders = new();

    public int Capacity => capacity;

    public void Add(OrderMessage order)
    {
        lock (_gate)
        {
            _orders.AddLast(order);
            if (_orders.Count > capacity)
            {
                _orders.RemoveFirst();
            }
        }
    }

    /// <summary>The newest <paramref name="limit"/> orders, newest first.</summary>
    public IReadOnlyList<OrderMessage> Newest(int limit)
    {
        lock (_gate)
        {
            var result = new List<OrderMessage>(Math.Min(limit, _orders.Count));
            for (var node = _orders.Last; node is not null && result.Count < limit; node = node.Previous)
            {
                result.Add(node.Value);
            }

            return result;
        }
    }
}
