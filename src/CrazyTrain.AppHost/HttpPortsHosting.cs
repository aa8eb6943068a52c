namespace CrazyTrain.AppHost;

/// <summary>
/// Fixed http ports on request: <c>CrazyTrain:HttpPorts:&lt;resource&gt;=PORT</c> pins that resource's http endpoint,
/// so a program that starts the AppHost (the twin's <c>episodes</c> command, docs/twin.md) knows where to reach the
/// twin and the controller. Without the setting Aspire chooses, as before.
/// </summary>
public static class HttpPortsHosting
{
    public const string SectionName = "CrazyTrain:HttpPorts";

    public static IResourceBuilder<ProjectResource> WithHttpPortFromConfiguration(this IResourceBuilder<ProjectResource> service)
    {
        var setting = $"{SectionName}:{service.Resource.Name}";
        var value = service.ApplicationBuilder.Configuration[setting];
        if (string.IsNullOrEmpty(value))
        {
            return service;
        }

        if (!int.TryParse(value, out var port) || port is < 1 or > 65535)
        {
            throw new DistributedApplicationException($"{setting} is '{value}'; expected a TCP port from 1 to 65535.");
        }

        return service.WithEndpoint("http", endpoint => endpoint.Port = port);
    }
}
