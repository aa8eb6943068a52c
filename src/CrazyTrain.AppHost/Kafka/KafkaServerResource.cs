namespace CrazyTrain.AppHost.Kafka;

/// <summary>
/// A Kafka broker in a container, shaped like Aspire.Hosting.Kafka's resource (endpoint <c>tcp</c> on 9092,
/// <c>internal</c> for container-to-container traffic) so the package can replace it once it is served.
/// </summary>
public sealed class KafkaServerResource(string name) : ContainerResource(name), IResourceWithConnectionString
{
    internal const string PrimaryEndpointName = "tcp";
    internal const string InternalEndpointName = "internal";

    private EndpointReference? _primaryEndpoint;
    private EndpointReference? _internalEndpoint;

    public EndpointReference PrimaryEndpoint => _primaryEndpoint ??= new(this, PrimaryEndpointName);

    public EndpointReference InternalEndpoint => _internalEndpoint ??= new(this, InternalEndpointName);

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{PrimaryEndpoint.Property(EndpointProperty.HostAndPort)}");
}
