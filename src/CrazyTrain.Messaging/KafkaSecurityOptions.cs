namespace CrazyTrain.Messaging;

/// <summary>
/// How a service proves who it is to the broker and checks the broker's certificate (section <c>Kafka:Security</c>).
/// Empty by default: local runs and the simulation overlay talk plaintext to their development broker. The edge
/// overlay sets all of it (SASL/SCRAM over TLS, a user per service, the broker's CA), with the password from a Secret,
/// so it never has to be spelled into a connection string (docs/safety.md).
/// </summary>
public sealed class KafkaSecurityOptions
{
    public const string SectionName = "Kafka:Security";

    /// <summary>librdkafka's <c>security.protocol</c>: <c>plaintext</c>, <c>ssl</c>, <c>sasl_plaintext</c> or <c>sasl_ssl</c>.</summary>
    public string? Protocol { get; set; }

    /// <summary>librdkafka's <c>sasl.mechanism</c>, e.g. <c>SCRAM-SHA-512</c>; required with a SASL protocol.</summary>
    public string? SaslMechanism { get; set; }

    /// <summary>The service's Kafka user (<c>sasl.username</c>); its ACLs say what it may read and write.</summary>
    public string? Username { get; set; }

    /// <summary><c>sasl.password</c>; comes from a Secret, never from a ConfigMap.</summary>
    public string? Password { get; set; }

    /// <summary><c>ssl.ca.location</c>: the PEM file of the CA that signed the broker's certificate.</summary>
    public string? CaLocation { get; set; }

    private static readonly string[] Protocols = ["plaintext", "ssl", "sasl_plaintext", "sasl_ssl"];

    /// <summary>The librdkafka properties these settings stand for; nothing for what is not set.</summary>
    public IEnumerable<KeyValuePair<string, string>> ClientProperties()
    {
        if (Protocol is { Length: > 0 } protocol)
        {
            yield return KeyValuePair.Create("security.protocol", protocol.ToLowerInvariant());
        }

        foreach (var (key, value) in new[]
                 {
                     ("sasl.mechanism", SaslMechanism),
                     ("sasl.username", Username),
                     ("sasl.password", Password),
                     ("ssl.ca.location", CaLocation),
                 })
        {
            if (!string.IsNullOrEmpty(value))
            {
                yield return KeyValuePair.Create(key, value);
            }
        }
    }

    /// <summary>Why these settings cannot work, or null. A half-configured client would fail later, and less clearly.</summary>
    internal string? Problem(Func<string, bool> fileExists)
    {
        var protocol = Protocol?.ToLowerInvariant();
        if (protocol is not null && !Protocols.Contains(protocol))
        {
            return $"{SectionName}:Protocol is '{Protocol}'; expected one of {string.Join(", ", Protocols)}.";
        }

        var sasl = protocol is "sasl_plaintext" or "sasl_ssl";
        if (sasl)
        {
            foreach (var (name, value) in new[] { ("SaslMechanism", SaslMechanism), ("Username", Username), ("Password", Password) })
            {
                if (string.IsNullOrEmpty(value))
                {
                    return $"{SectionName}:{name} is not set; {SectionName}:Protocol {Protocol} needs it.";
                }
            }
        }
        else if (!string.IsNullOrEmpty(Username) || !string.IsNullOrEmpty(Password) || !string.IsNullOrEmpty(SaslMechanism))
        {
            // A password the client would silently not send: the broker would refuse the service with a vaguer error.
            return $"{SectionName} has SASL credentials but {SectionName}:Protocol is '{Protocol ?? "(not set)"}'; set sasl_ssl (or sasl_plaintext).";
        }

        if (!string.IsNullOrEmpty(CaLocation) && !fileExists(CaLocation))
        {
            return $"{SectionName}:CaLocation '{CaLocation}' does not exist; mount the broker's CA there.";
        }

        return null;
    }
}
