using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CrazyTrain.AppHost.Health;

/// <summary>The services' <c>/health</c> as their resources' health in the dashboard and for <c>WaitFor</c>.</summary>
public static class ServiceHealthHosting
{
    /// <summary>
    /// Healthy when <paramref name="path"/> on the service's http endpoint answers 200, reported as soon as it does
    /// while the service starts (<see cref="ServiceHealthCheck"/>); in place of Aspire's <c>WithHttpHealthCheck</c>.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithServiceHealthCheck(this IResourceBuilder<ProjectResource> service, string path = "/health")
    {
        var endpoint = service.GetEndpoint("http");
        var key = $"{service.Resource.Name}_http_{path}_check";
        // One instance for the whole run: it remembers whether the service has answered once.
        var check = new ServiceHealthCheck(() => endpoint.IsAllocated ? new Uri(new Uri(endpoint.Url), path) : null);
        service.ApplicationBuilder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            key,
            _ => check,
            failureStatus: HealthStatus.Unhealthy,
            tags: default));
        return service.WithHealthCheck(key);
    }
}
