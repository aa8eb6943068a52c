using System.Text;
using Confluent.Kafka;

namespace CrazyTrain.IntegrationTests;

/// <summary>Reads messages from a test consumer until a condition holds or time runs out.</summary>
internal static class KafkaMessages
{
    public static IReadOnlyDictionary<string, string> HeadersOf(ConsumeResult<string, byte[]> result) =>
        result.Message.Headers?.ToDictionary(header => header.Key, header => Encoding.UTF8.GetString(header.GetValueBytes()))
        ?? new Dictionary<string, string>();

    /// <summary>Feeds each message to <paramref name="observe"/> until it returns true; false when time is up.</summary>
    public static bool ReadUntil(IConsumer<string, byte[]> consumer, TimeSpan limit, Func<ConsumeResult<string, byte[]>, bool> observe)
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            ConsumeResult<string, byte[]>? result;
            try
            {
                result = consumer.Consume(TimeSpan.FromMilliseconds(500));
            }
            catch (ConsumeException exception) when (exception.Error.Code == ErrorCode.UnknownTopicOrPart)
            {
                continue;
            }

            if (result?.Message is not null && observe(result))
            {
                return true;
            }
        }

        return false;
    }
}
