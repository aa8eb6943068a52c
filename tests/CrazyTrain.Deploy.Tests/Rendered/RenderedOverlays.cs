using CrazyTrain.Deploy.Tests.Support;

namespace CrazyTrain.Deploy.Tests.Rendered;

/// <summary>
/// The committed overlays rendered once by <c>kubectl kustomize</c> for every test that reads them, with the operator's
/// secrets made by <c>deploy/make-secrets.sh</c> as on the installing machine.
/// </summary>
public sealed class RenderedOverlays : IAsyncLifetime
{
    public static readonly string[] Names = ["simulation", "edge", "edge-external-kafka"];

    private readonly Dictionary<string, KubeObjects> _rendered = new(StringComparer.Ordinal);

    internal KubeObjects this[string overlay] => _rendered[overlay];

    public async Task InitializeAsync()
    {
        using var installed = await InstalledTree.MakeAsync();
        foreach (var name in Names)
        {
            _rendered[name] = KubeObjects.Parse(await Kubectl.KustomizeAsync(installed[$"overlays/{name}"]));
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
