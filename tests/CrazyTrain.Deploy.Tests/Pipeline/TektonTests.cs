using System.Text.RegularExpressions;
using CrazyTrain.Deploy.Manifest;
using CrazyTrain.Deploy.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace CrazyTrain.Deploy.Tests.Pipeline;

/// <summary>
/// The Tekton definitions cannot run here (no cluster, no registry), so their wiring is checked offline: every
/// reference resolves, every required parameter and workspace is given, and the images cover the AppHost.
/// </summary>
public sealed partial class TektonTests
{
    private static readonly KubeObjects Definitions = KubeObjects.Parse(string.Join("\n---\n",
        Directory.EnumerateFiles(Repository.PathOf(".tekton"), "*.yaml").Order(StringComparer.Ordinal).Select(File.ReadAllText)));

    private static YamlMappingNode Pipeline => Definitions.Single("Pipeline", "crazytrain-build-deploy");

    private static IReadOnlyList<YamlMappingNode> PipelineTasks => Pipeline.Path("spec").Items("tasks");

    private static YamlMappingNode TaskNamed(string name) => Definitions.Single("Task", name);

    [Fact]
    public void Every_Tekton_object_uses_the_v1_API()
    {
        var tekton = Definitions.All.Where(item => item.Text("kind") is "Task" or "Pipeline").ToList();

        Assert.Equal(6, tekton.Count);
        Assert.All(tekton, item => Assert.Equal("tekton.dev/v1", item.Text("apiVersion")));
    }

    [Fact]
    public void Every_pipeline_task_refers_to_a_task_in_the_folder_and_runs_after_known_tasks()
    {
        var names = PipelineTasks.Select(task => task.Text("name")).ToHashSet();
        foreach (var task in PipelineTasks)
        {
            Assert.True(Definitions.Has("Task", task.Path("taskRef").Text("name")!), $"{task.Text("name")}: unknown task");
            Assert.All(task.Strings("runAfter"), after => Assert.Contains(after, names));
        }
    }

    [Fact]
    public void Every_required_task_parameter_and_workspace_is_given_and_nothing_unknown_is()
    {
        foreach (var use in PipelineTasks)
        {
            var task = TaskNamed(use.Path("taskRef").Text("name")!);
            var declared = task.Path("spec").Items("params").ToDictionary(param => param.Text("name")!, param => param.Children.ContainsKey(new YamlScalarNode("default")));
            var given = use.Items("params").Concat(use.TryPath("matrix")?.Items("params") ?? []).Select(param => param.Text("name")!).ToList();

            Assert.All(given, name => Assert.True(declared.ContainsKey(name), $"{use.Text("name")} passes unknown parameter {name}"));
            Assert.All(declared.Where(param => !param.Value), param => Assert.Contains(param.Key, given));

            var workspaces = use.Items("workspaces").Select(binding => binding.Text("name")).ToHashSet();
            Assert.All(task.Path("spec").Items("workspaces"), workspace => Assert.Contains(workspace.Text("name"), workspaces));
        }
    }

    [Fact]
    public void Every_variable_a_definition_uses_is_declared_in_it()
    {
        foreach (var definition in Definitions.All.Where(item => item.Text("kind") is "Task" or "Pipeline"))
        {
            var text = Serialize(definition);
            var spec = definition.Path("spec");
            var parameters = spec.Items("params").Select(param => param.Text("name")).ToHashSet();
            var workspaces = spec.Items("workspaces").Select(workspace => workspace.Text("name")).ToHashSet();
            var results = spec.Items("results").Select(result => result.Text("name")).ToHashSet();

            foreach (Match match in Variable().Matches(text))
            {
                var (kind, name) = (match.Groups["kind"].Value, match.Groups["name"].Value);
                var known = kind switch { "params" => parameters, "workspaces" => workspaces, _ => results };
                Assert.True(known.Contains(name), $"{definition.Path("metadata").Text("name")} uses $({kind}.{name}), which it does not declare");
            }
        }
    }

    [Fact]
    public void Every_project_of_the_AppHost_is_published_as_an_image()
    {
        var published = PipelineTasks.Single(task => task.Text("name") == "service-images").Path("matrix").Items("params")
            .Single(param => param.Text("name") == "project").Strings("value");
        var projects = AspireManifest.Parse(Committed.ManifestJson).Resources.Where(resource => resource.IsProject)
            .Select(resource => "src/" + Path.GetFileNameWithoutExtension(resource.ProjectPath));

        Assert.All(projects, project => Assert.Contains(project, published));
        // Not an AppHost resource when publishing, but the edge overlay runs it beside the controller.
        Assert.Contains("src/CrazyTrain.HubGuard", published);
        Assert.All(published, project => Assert.True(Directory.Exists(Repository.PathOf(project)), $"{project} does not exist"));
    }

    [Fact]
    public void Containerfile_images_are_built_for_the_architectures_they_serve()
    {
        string PlatformsOf(string task) => PipelineTasks.Single(use => use.Text("name") == task).Items("params")
            .Single(param => param.Text("name") == "platforms").Text("value")!;

        Assert.Equal("linux/amd64,linux/arm64", PlatformsOf("opencv-runtime"));
        Assert.Equal("linux/arm64", PlatformsOf("inference-jetson"));
        foreach (var use in PipelineTasks.Where(use => use.Items("params").Any(param => param.Text("name") == "containerfile")))
        {
            var containerfile = use.Items("params").Single(param => param.Text("name") == "containerfile").Text("value")!;
            Assert.True(File.Exists(Repository.PathOf(containerfile)), $"{containerfile} does not exist");
        }
    }

    [Fact]
    public void The_default_tag_is_the_one_the_overlays_pin_and_the_default_overlay_exists()
    {
        var parameters = Pipeline.Path("spec").Items("params").ToDictionary(param => param.Text("name")!, param => param.Text("default"));

        Assert.Equal(Committed.Images.Tag, parameters["tag"]);
        Assert.Equal(Committed.Images.Registry, parameters["registry"]);
        Assert.Equal(Committed.Images.Namespace, parameters["image-namespace"]);
        Assert.True(Directory.Exists(Repository.PathOf($"deploy/microshift/overlays/{parameters["overlay"]}")));
    }

    private static string Serialize(YamlNode node)
    {
        var stream = new YamlStream(new YamlDocument(node));
        using var writer = new StringWriter();
        stream.Save(writer, assignAnchors: false);
        return writer.ToString();
    }

    [GeneratedRegex(@"\$\((?<kind>params|workspaces|results)\.(?<name>[A-Za-z0-9_-]+)")]
    private static partial Regex Variable();
}
