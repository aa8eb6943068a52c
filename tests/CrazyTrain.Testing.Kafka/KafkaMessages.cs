using System.Text;
using Confluent.Kafka;

namespace CrazyTrain.Testing;

/// <summary>
/// Reads messages from a test consumer until a condition holds or time runs out. The development broker creates a
/// topic on its first produce, so a consumer that subscribed earlier gets "unknown topic" until then: that means
/// "nothing yet", and reading goes on.
/// </summary>
public static class KafkaMessages
{
    public static IReadOnlyDictionary<string, string> HeadersOf(ConsumeResult<string, byte[]> result) =>
        result.Message.Headers?.ToDictionary(header => header.Key, header => Encoding.UTF8.GetString(header.GetValueBytes()))
        ?? new Dictionary<string, string>();

    /// <summary>The next message within <paramref name="wait"/>, or null (also while the topic does not exist yet).</summary>
    public static ConsumeResult<string, byte[]>? Next(IConsumer<string, byte[]> consumer, TimeSpan wait)
    {
        try
        {
            return consumer.Consume(wait) is { Message: not null } result ? result : null;
        }
        catch (ConsumeException exception) when (exception.Error.Code == ErrorCode.UnknownTopicOrPart)
        {
            return null;
        }
    }

    /// <summary>Feeds each message to <paramref name="observe"/> until it returns true; false when time is up.</summary>
    public static bool ReadUntil(IConsumer<string, byte[]> consumer, TimeSpan limit, Func<ConsumeResult<string, byte[]>, bool> observe)
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            if (Next(consumer, TimeSpan.FromMilliseconds(500)) is { } result && observe(result))
            {
                return true;
            }
        }

        return false;
    }
}
