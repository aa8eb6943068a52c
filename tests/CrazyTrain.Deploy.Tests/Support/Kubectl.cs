namespace CrazyTrain.Deploy.Tests.Support;

/// <summary><c>kubectl kustomize</c>: renders an overlay offline, exactly as MicroShift's Kustomize would.</summary>
internal static class Kubectl
{
    public static string? Path { get; } = Processes.FindOnPath("kubectl");

    public static async Task<string> KustomizeAsync(string folder)
    {
        var result = await Processes.RunAsync(Path ?? throw new InvalidOperationException("kubectl is not installed."),
            ["kustomize", folder], Repository.Root, TimeSpan.FromMinutes(1));
        Assert.True(result.ExitCode == 0, $"kubectl kustomize {folder} failed: {result.Error}");
        return result.Output;
    }
}

/// <summary>A fact that needs kubectl: skipped, with the reason, only where kubectl is absent.</summary>
internal sealed class KubectlFactAttribute : FactAttribute
{
    public KubectlFactAttribute()
    {
        if (Kubectl.Path is null)
        {
            Skip = "kubectl is not on PATH; install kubectl (v1.32 has Kustomize v5.5) to render the overlays.";
        }
    }
}
