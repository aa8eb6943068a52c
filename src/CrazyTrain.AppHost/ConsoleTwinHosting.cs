namespace CrazyTrain.AppHost;

/// <summary>The console's map of the twin (docs/console.md), wired only where a twin runs.</summary>
public static class ConsoleTwinHosting
{
    /// <summary>
    /// Simulation: the console reaches the twin's http endpoint by name (<c>Console:TwinUrl=http://twin</c>) and draws
    /// its map. No twin (Hardware, published deployments): nothing is set and the console shows no map. The console does
    /// not wait for the twin: while the twin is away its page says so and everything else works.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithTwinMap(this IResourceBuilder<ProjectResource> console, IResourceBuilder<ProjectResource>? twin) =>
        twin is null
            ? console
            : console
                .WithReference(twin.GetEndpoint("http"))
                .WithEnvironment("Console__TwinUrl", "http://twin");
}
