using System.Diagnostics;
using System.Text;

namespace CrazyTrain.Messaging;

/// <summary>A message as it travels on a topic: key, value bytes and text headers.</summary>
public sealed record TrainMessage(string Topic, string Key, ReadOnlyMemory<byte> Value, IReadOnlyDictionary<string, string> Headers)
{
    public static TrainMessage Create(string topic, string key, ReadOnlyMemory<byte> value, IEnumerable<KeyValuePair<string, string>>? headers = null) =>
        new(topic, key, value, headers is null ? new Dictionary<string, string>() : new Dictionary<string, string>(headers));

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public long? HeaderAsInt64(string name) =>
        long.TryParse(Header(name), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;

    public string ValueAsString() => Encoding.UTF8.GetString(Value.Span);
}

/// <summary>A consumed message with where it came from and the trace it belongs to.</summary>
public sealed record ReceivedMessage(
    TrainMessage Message,
    int Partition,
    long Offset,
    DateTimeOffset Timestamp,
    ActivityContext ParentContext);
