namespace CrazyTrain.AppHost.Kafka;

/// <summary>Pinned broker images: a tag that moves would make the edge deployment unreproducible.</summary>
internal static class KafkaImages
{
    public const string Registry = "docker.io";

    /// <summary>Developer machines with a container runtime: what Aspire.Hosting.Kafka runs.</summary>
    public const string ConfluentLocal = "confluentinc/confluent-local";
    public const string ConfluentLocalTag = "7.9.0";

    /// <summary>The edge: Apache Kafka in single-node KRaft mode (broker and controller in one process).</summary>
    public const string ApacheKafka = "apache/kafka";
    public const string ApacheKafkaTag = "4.1.0";
}
