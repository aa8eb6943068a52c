using CrazyTrain.Deploy.Manifest;

namespace CrazyTrain.Deploy.Planning;

/// <summary>A binding as it exists in the cluster: a named container port behind the resource's Service.</summary>
internal sealed record WorkloadPort(string Name, int ContainerPort, int ServicePort, string Scheme, bool External)
{
    /// <summary>ASP.NET Core's port in the official container images; projects leave targetPort to the host.</summary>
    public const int FirstProjectPort = 8080;

    /// <summary>
    /// Ports of one resource, in manifest order. A project's https binding is dropped: inside the cluster services
    /// talk plain HTTP and a Route terminates TLS for people, as there is no certificate to give each pod.
    /// </summary>
    public static IReadOnlyList<WorkloadPort> For(ManifestResource resource)
    {
        var ports = new List<WorkloadPort>();
        var nextProjectPort = FirstProjectPort;
        foreach (var binding in resource.Bindings)
        {
            if (resource.IsProject && binding.IsHttps)
            {
                continue;
            }

            var container = binding.TargetPort ?? (resource.IsProject
                ? nextProjectPort++
                : throw new ManifestException($"Binding '{resource.Name}.{binding.Name}' has no targetPort; a container must say which port it listens on."));
            ports.Add(new WorkloadPort(binding.Name, container, binding.Port ?? container, binding.Scheme, binding.External));
        }

        return ports;
    }
}
