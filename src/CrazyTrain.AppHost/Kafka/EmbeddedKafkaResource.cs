namespace CrazyTrain.AppHost.Kafka;

/// <summary>The embedded development broker as a resource: visible in the dashboard, referenced like any Kafka.</summary>
public sealed class EmbeddedKafkaResource : Resource, IResourceWithConnectionString
{
    public EmbeddedKafkaResource(string name) : base(name)
    {
    }

    internal EmbeddedKafkaBroker Broker { get; } = new();

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{Broker}");
}
