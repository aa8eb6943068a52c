using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace CrazyTrain.Messaging;

/// <summary>Routes librdkafka's own log lines into the service's logger instead of stderr.</summary>
internal static class KafkaLog
{
    public static void Write(ILogger logger, LogMessage message)
    {
        var level = message.Level switch
        {
            SyslogLevel.Emergency or SyslogLevel.Alert or SyslogLevel.Critical or SyslogLevel.Error => LogLevel.Error,
            SyslogLevel.Warning => LogLevel.Warning,
            SyslogLevel.Notice or SyslogLevel.Info => LogLevel.Information,
            _ => LogLevel.Debug,
        };
#pragma warning disable CA1848, CA2254 // librdkafka's lines are free text; a template per line would add nothing.
        logger.Log(level, "librdkafka {Facility}: {Message}", message.Facility, message.Message);
#pragma warning restore CA1848, CA2254
    }
}
