namespace CrazyTrain.Deploy.Tests.Support;

/// <summary><c>kubectl kustomize</c>: renders an overlay offline, exactly as MicroShift's Kustomize would.</summary>
/// <remarks>
/// Needs Kustomize v5 (kubectl 1.27 or later). Debian 12's kubernetes-client is 1.20, whose Kustomize 2 cannot read
/// <c>patches:</c>; dotnet test prepares kubectl 1.32 into artifacts/tools where none is on PATH (eng/prepare-tests.sh).
/// </remarks>
internal static class Kubectl
{
    public static string? Path { get; } = Find();

    public static async Task<string> KustomizeAsync(string folder)
    {
        var kubectl = Path ?? throw new InvalidOperationException(
            "kubectl with Kustomize v5 is missing (run: eng/prepare-tests.sh kubectl, which dotnet test runs before these tests).");
        var result = await Processes.RunAsync(kubectl, ["kustomize", folder], Repository.Root, TimeSpan.FromMinutes(1));
        Assert.True(result.ExitCode == 0, $"kubectl kustomize {folder} failed: {result.Error}");
        return result.Output;
    }

    private static string? Find()
    {
        var prepared = Repository.PathOf("artifacts/tools/kubectl/kubectl");
        return File.Exists(prepared) ? prepared : Processes.FindOnPath("kubectl");
    }
}
