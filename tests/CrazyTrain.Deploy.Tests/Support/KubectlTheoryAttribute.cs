namespace CrazyTrain.Deploy.Tests.Support;

/// <summary>A theory that needs kubectl: skipped, with the reason, only where kubectl is absent.</summary>
internal sealed class KubectlTheoryAttribute : TheoryAttribute
{
    public KubectlTheoryAttribute()
    {
        if (Kubectl.Path is null)
        {
            Skip = "kubectl is not on PATH; install kubectl (v1.32 has Kustomize v5.5) to render the overlays.";
        }
    }
}
