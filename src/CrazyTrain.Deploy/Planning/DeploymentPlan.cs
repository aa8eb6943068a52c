using CrazyTrain.Deploy.Manifest;

namespace CrazyTrain.Deploy.Planning;

/// <summary>What the manifest asks the cluster to run, resolved: the input of every YAML writer.</summary>
internal sealed record DeploymentPlan(IReadOnlyList<Workload> Workloads, IReadOnlyList<string> SecretParameters)
{
    public Workload? Find(string name) => Workloads.FirstOrDefault(workload => workload.Name == name);

    public static DeploymentPlan From(AspireManifest manifest, ImageSettings images)
    {
        var expressions = new ManifestExpressions(manifest);
        var workloads = new List<Workload>();
        foreach (var resource in manifest.Resources)
        {
            if (resource.IsParameter)
            {
                continue;
            }

            if (!resource.IsProject && !resource.IsContainer)
            {
                throw new ManifestException(
                    $"Resource '{resource.Name}' is a {resource.Type}; only projects, containers with an image and parameters can be deployed.");
            }

            workloads.Add(Plan(resource, expressions, images, manifest));
        }

        var secrets = manifest.Resources.Where(resource => resource.Parameter?.Secret == true).Select(resource => resource.Name).ToList();
        return new DeploymentPlan(workloads, secrets);
    }

    /// <summary>Workloads (not parameters) that <paramref name="resource"/>'s environment refers to, in manifest order.</summary>
    private static IReadOnlyList<string> Calls(ManifestResource resource, AspireManifest manifest)
    {
        var named = resource.Env.SelectMany(variable => ManifestExpressions.ResourcesNamedIn(variable.Value)).ToHashSet(StringComparer.Ordinal);
        return [.. manifest.Resources
            .Where(other => other.Name != resource.Name && !other.IsParameter && named.Contains(other.Name))
            .Select(other => other.Name)];
    }

    private static Workload Plan(ManifestResource resource, ManifestExpressions expressions, ImageSettings images, AspireManifest manifest)
    {
        if (resource.BindMountCount > 0)
        {
            throw new ManifestException(
                $"'{resource.Name}' bind-mounts host folders; the edge overlay adds host paths on purpose, the manifest cannot. Use a named volume.");
        }

        var image = resource.IsProject
            ? images.ImageFor(resource.ProjectPath ?? throw new ManifestException($"Project '{resource.Name}' has no path."))
            : resource.Image ?? throw new ManifestException($"'{resource.Name}' is a {resource.Type} without an image (Dockerfile builds are not supported).");
        if (!ImageSettings.IsPinned(image))
        {
            throw new ManifestException($"'{resource.Name}' uses image '{image}', which has no fixed tag or digest.");
        }

        var settings = new List<KeyValuePair<string, string>>();
        var secrets = new List<SecretSetting>();
        foreach (var (variable, expression) in resource.Env)
        {
            switch (expressions.Resolve(resource.Name, expression))
            {
                case ResolvedValue.Text text:
                    settings.Add(KeyValuePair.Create(variable, text.Value));
                    break;
                case ResolvedValue.SecretReference secret:
                    secrets.Add(new SecretSetting(variable, secret.Parameter, secret.SecretName, secret.Key));
                    break;
            }
        }

        var size = WorkloadSize.For(resource.Name);
        var kind = resource.IsProject ? WorkloadKind.Project
            : resource.Volumes.Count > 0 ? WorkloadKind.StatefulContainer
            : WorkloadKind.Container;
        var args = resource.Args.Select(arg => expressions.Resolve(resource.Name, arg) is ResolvedValue.Text text
            ? text.Value
            : throw new ManifestException($"'{resource.Name}' passes a secret as a command-line argument; use an environment variable.")).ToList();

        return new Workload(
            resource.Name,
            kind,
            image,
            resource.Entrypoint,
            args,
            WorkloadPort.For(resource),
            settings,
            secrets,
            [.. resource.Volumes.Select(volume => new ClaimedVolume(volume.Name, volume.Target, volume.ReadOnly, size.VolumeSize))],
            size,
            resource.IsProject ? null : ImageUser.For(image),
            Calls(resource, manifest));
    }
}
