using System.Text.Json.Nodes;
using CrazyTrain.Deploy.Generation;
using CrazyTrain.Deploy.Tests.Support;

namespace CrazyTrain.Deploy.Tests.Generator;

/// <summary>A change to the AppHost shows up in the generated overlays with no hand edits.</summary>
public sealed class ManifestChangeTests
{
    [Fact]
    public async Task A_new_environment_variable_on_a_service_reaches_its_ConfigMap_in_every_overlay()
    {
        static void AddFrameRate(JsonObject resources) => resources["capture"]!["env"]!.AsObject()["Capture__FramesPerSecond"] = "12";
        using var folder = new TempFolder();
        DeploymentGenerator.WriteTo(folder.Path, DeploymentGenerator.Generate(Committed.Inputs(
            ManifestEdits.Edit(Committed.ManifestJson, AddFrameRate),
            ManifestEdits.Edit(Committed.ExternalManifestJson, AddFrameRate))));
        await InstalledTree.AddSecretsAsync(folder.Path);

        foreach (var overlay in new[] { "simulation", "edge", "edge-external-kafka" })
        {
            var rendered = KubeObjects.Parse(await Kubectl.KustomizeAsync(folder[$"overlays/{overlay}"]));
            var settings = Assert.Single(rendered.OfKind("ConfigMap"), map => map.Path("metadata").Text("name")!.StartsWith("capture-env-", StringComparison.Ordinal));
            Assert.Equal("12", settings.Path("data").Text("Capture__FramesPerSecond"));
        }
    }

    [Fact]
    public async Task A_new_web_project_gets_a_Deployment_a_Service_probes_and_on_the_edge_a_Route()
    {
        static void AddConsole(JsonObject resources) => resources["console"] = ManifestEdits.ConsoleResource(external: true);
        using var folder = new TempFolder();
        DeploymentGenerator.WriteTo(folder.Path, DeploymentGenerator.Generate(Committed.Inputs(
            ManifestEdits.Edit(Committed.ManifestJson, AddConsole),
            ManifestEdits.Edit(Committed.ExternalManifestJson, AddConsole))));
        await InstalledTree.AddSecretsAsync(folder.Path);

        var edge = KubeObjects.Parse(await Kubectl.KustomizeAsync(folder["overlays/edge"]));
        var console = edge.Single("Deployment", "console");
        var container = Assert.Single(console.Path("spec", "template", "spec").Items("containers"));
        Assert.Equal("quay.io/crazytrain/console:0.1.0", container.Text("image"));
        Assert.Equal("/alive", container.Path("livenessProbe", "httpGet").Text("path"));
        Assert.Equal("/health", container.Path("readinessProbe", "httpGet").Text("path"));
        Assert.Equal("arm64", console.Path("spec", "template", "spec", "nodeSelector").Text("kubernetes.io/arch"));
        Assert.Null(container.TryPath("securityContext")?.Text("privileged"));

        var route = edge.Single("Route", "console");
        Assert.Equal("console", route.Path("spec", "to").Text("name"));
        Assert.Equal("http", route.Path("spec", "port").Text("targetPort"));
        Assert.Equal("edge", route.Path("spec", "tls").Text("termination"));

        var settings = Assert.Single(edge.OfKind("ConfigMap"), map => map.Path("metadata").Text("name")!.StartsWith("console-env-", StringComparison.Ordinal));
        Assert.Equal("kafka:9092", settings.Path("data").Text("ConnectionStrings__kafka"));
        Assert.Equal("http://controller:8080", settings.Path("data").Text("services__controller__http__0"));
        Assert.Equal("Hardware", settings.Path("data").Text("CrazyTrain__Mode"));

        var simulation = KubeObjects.Parse(await Kubectl.KustomizeAsync(folder["overlays/simulation"]));
        Assert.True(simulation.Has("Deployment", "console"));
        Assert.Empty(simulation.OfKind("Route"));
    }

    [Fact]
    public void A_service_without_external_endpoints_gets_no_Route()
    {
        static void AddTelemetry(JsonObject resources) => resources["telemetry"] = ManifestEdits.ConsoleResource(external: false, name: "telemetry");
        var files = DeploymentGenerator.Generate(Committed.Inputs(
            ManifestEdits.Edit(Committed.ManifestJson, AddTelemetry),
            ManifestEdits.Edit(Committed.ExternalManifestJson, AddTelemetry)));

        Assert.Contains(files, file => file.Path == "base/telemetry.yaml");
        Assert.DoesNotContain(files, file => file.Path == "overlays/edge/routes.yaml" && file.Content.Contains("name: telemetry", StringComparison.Ordinal));
    }

    [Fact]
    public void The_console_gets_a_Route_even_without_external_endpoints()
    {
        static void AddConsole(JsonObject resources) => resources["console"] = ManifestEdits.ConsoleResource(external: false);
        var files = DeploymentGenerator.Generate(Committed.Inputs(
            ManifestEdits.Edit(Committed.ManifestJson, AddConsole),
            ManifestEdits.Edit(Committed.ExternalManifestJson, AddConsole)));

        var routes = Assert.Single(files, file => file.Path == "overlays/edge/routes.yaml");
        Assert.Contains("kind: Route", routes.Content);
        Assert.Contains("name: console", routes.Content);
    }
}
