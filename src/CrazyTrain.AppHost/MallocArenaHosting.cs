using CrazyTrain.ServiceDefaults;

namespace CrazyTrain.AppHost;

/// <summary>
/// glibc's malloc arena cap (<c>MALLOC_ARENA_MAX=1</c>) in the environment of every .NET service the AppHost starts,
/// and so in the published manifest and the MicroShift overlays rendered from it. In the environment, glibc reads it
/// before the first thread exists; <see cref="MallocArenas.Cap"/> in <c>AddServiceDefaults</c> comes after the runtime
/// has started its own threads, whose arenas then stay and keep growing (the soak measured 7 of them in the
/// controller, +11.8 MiB: docs/performance.md).
/// </summary>
public static class MallocArenaHosting
{
    /// <summary>
    /// Call last, once every service is added: it applies to each project resource in the model, so a service added
    /// later would run without the cap.
    /// </summary>
    public static IDistributedApplicationBuilder WithMallocArenaCapOnEveryService(this IDistributedApplicationBuilder builder)
    {
        foreach (var service in builder.Resources.OfType<ProjectResource>())
        {
            builder.CreateResourceBuilder(service)
                .WithEnvironment(MallocArenas.Variable, MallocArenas.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return builder;
    }
}
