namespace CrazyTrain.Messaging;

/// <summary>Turns the <c>kafka</c> connection string into librdkafka client properties.</summary>
public static class KafkaConnectionString
{
    public static IReadOnlyDictionary<string, string> Parse(string connectionString) =>
        TryParse(connectionString, out var properties, out var error)
            ? properties
            : throw new FormatException($"Kafka connection string is malformed: {error}");

    public static bool TryParse(string? connectionString, out IReadOnlyDictionary<string, string> properties, out string? error)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        properties = result;
        error = null;

        if (string.IsNullOrWhiteSpace(connectionString))
        {
            error = "it is empty";
            return false;
        }

        if (connectionString.Contains('='))
        {
            foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var equals = part.IndexOf('=');
                if (equals <= 0)
                {
                    error = $"'{part}' is not a key=value pair";
                    return false;
                }

                result[part[..equals].Trim()] = part[(equals + 1)..].Trim();
            }
        }
        else
        {
            result["bootstrap.servers"] = connectionString.Trim();
        }

        if (!result.TryGetValue("bootstrap.servers", out var servers))
        {
            error = "it has no bootstrap.servers";
            return false;
        }

        foreach (var server in servers.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!IsHostAndPort(server))
            {
                error = $"'{server}' is not host:port";
                return false;
            }
        }

        return true;
    }

    private static bool IsHostAndPort(string server)
    {
        // Tolerate a scheme prefix such as PLAINTEXT:// that some tools print.
        var schemeEnd = server.IndexOf("://", StringComparison.Ordinal);
        var address = schemeEnd >= 0 ? server[(schemeEnd + 3)..] : server;
        var colon = address.LastIndexOf(':');
        return colon > 0
            && int.TryParse(address[(colon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port)
            && port is > 0 and <= 65535;
    }
}
