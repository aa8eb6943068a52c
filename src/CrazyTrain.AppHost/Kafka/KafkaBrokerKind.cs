namespace CrazyTrain.AppHost.Kafka;

/// <summary>Where the train's broker comes from, chosen by <c>Kafka:Broker</c>.</summary>
public enum KafkaBrokerKind
{
    /// <summary>librdkafka's mock cluster inside the AppHost: no container runtime needed. Development only.</summary>
    Embedded,

    /// <summary>The confluent-local container, for machines with Docker or Podman.</summary>
    Container,

    /// <summary>An existing cluster reached through the <c>kafka</c> connection string (SASL/TLS allowed).</summary>
    External,
}
