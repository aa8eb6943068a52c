namespace CrazyTrain.Messaging;

/// <summary>
/// What a topic's clients are tuned for (docs/performance.md). Per-frame topics trade durability for time:
/// a frame or a detection that is late is worth nothing, a lost one is replaced 33 ms later. Orders are few
/// and are the train's record of what it was told to do, so they must not be lost or duplicated.
/// </summary>
public enum DeliveryProfile
{
    /// <summary>No batching wait, leader-only acknowledgement, short fetch waits, a small prefetch.</summary>
    Latency,

    /// <summary>Acknowledged by all in-sync replicas, idempotent, retried without duplicates.</summary>
    Durable,
}

/// <summary>Which <see cref="DeliveryProfile"/> each of the train's topics uses.</summary>
public static class TopicDelivery
{
    /// <summary><c>train.orders</c> is durable; frames, detections, telemetry and any other topic are tuned for latency.</summary>
    public static DeliveryProfile For(string topic) =>
        string.Equals(topic, Topics.Orders, StringComparison.Ordinal) ? DeliveryProfile.Durable : DeliveryProfile.Latency;
}
