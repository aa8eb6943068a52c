using System.Text.Json;
using System.Text.RegularExpressions;
using CrazyTrain.Deploy.Tests.Support;

namespace CrazyTrain.Deploy.Tests.Images;

/// <summary>
/// The SDK names the images from src/Directory.Build.props; the overlays must pin exactly those names. Publishing
/// itself needs the base image from a registry, which this machine cannot reach, so MSBuild's evaluation is checked.
/// </summary>
public sealed partial class ContainerImageTests
{
    [Theory]
    [InlineData("Capture", "capture", "linux-x64;linux-arm64", "quay.io/crazytrain/opencv-runtime:0.1.0")]
    [InlineData("Inference", "inference", "linux-x64", "quay.io/crazytrain/opencv-runtime:0.1.0")]
    [InlineData("Controller", "controller", "linux-x64;linux-arm64", "mcr.microsoft.com/dotnet/aspnet:10.0.12-noble")]
    public async Task The_SDK_publishes_each_service_under_the_name_and_tag_the_base_deploys(string project, string resource, string runtimes, string baseImage)
    {
        var properties = await EvaluateAsync($"src/CrazyTrain.{project}",
            "ContainerRepository", "ContainerImageTags", "ContainerRuntimeIdentifiers", "ContainerBaseImage", "EnableSdkContainerSupport");
        var deployed = File.ReadAllText(Repository.PathOf($"deploy/microshift/base/{resource}.yaml"));

        var image = $"{Committed.Images.Registry}/{properties["ContainerRepository"]}:{properties["ContainerImageTags"]}";
        Assert.Contains($"image: {image}\n", deployed);
        Assert.Equal(runtimes, properties["ContainerRuntimeIdentifiers"]);
        Assert.Equal(baseImage, properties["ContainerBaseImage"]);
        Assert.Equal("true", properties["EnableSdkContainerSupport"]);
    }

    [Fact]
    public async Task The_SDK_publishes_the_hub_guard_under_the_name_the_edge_sidecar_pins()
    {
        var properties = await EvaluateAsync("src/CrazyTrain.HubGuard", "ContainerRepository", "ContainerImageTags", "ContainerRuntimeIdentifiers", "EnableSdkContainerSupport");
        var sidecar = File.ReadAllText(Repository.PathOf("deploy/microshift/overlays/edge/patches/controller.yaml"));

        Assert.Contains($"image: {Committed.Images.Registry}/{properties["ContainerRepository"]}:{properties["ContainerImageTags"]}\n", sidecar);
        Assert.Contains("linux-arm64", properties["ContainerRuntimeIdentifiers"]);
        Assert.Equal("true", properties["EnableSdkContainerSupport"]);
    }

    [Fact]
    public async Task Projects_that_are_not_services_get_no_container_settings()
    {
        var properties = await EvaluateAsync("src/CrazyTrain.Deploy", "ContainerRepository", "TreatWarningsAsErrors");

        Assert.Equal("", properties["ContainerRepository"]);
        Assert.Equal("true", properties["TreatWarningsAsErrors"]);
    }

    [Fact]
    public void The_OpenCV_base_starts_from_the_same_ASP_NET_Core_image_the_SDK_uses()
    {
        var props = File.ReadAllText(Repository.PathOf(Committed.PropsName));
        var containerfile = File.ReadAllText(Repository.PathOf("deploy/images/opencv-runtime/Containerfile"));

        var aspnet = Regex.Match(props, "<CrazyTrainAspNetImage>(?<image>[^<]+)</CrazyTrainAspNetImage>").Groups["image"].Value;
        Assert.Contains($"ARG ASPNET_IMAGE={aspnet}\n", containerfile);
    }

    [Theory]
    [InlineData("deploy/images/opencv-runtime/Containerfile")]
    [InlineData("deploy/images/inference-jetson/Containerfile")]
    public void Containerfile_bases_are_pinned(string path)
    {
        var text = File.ReadAllText(Repository.PathOf(path));
        var arguments = ArgDefault().Matches(text).ToDictionary(match => match.Groups["name"].Value, match => match.Groups["value"].Value);
        var stages = From().Matches(text).Select(match => match.Groups["stage"].Value).Where(stage => stage.Length > 0).ToHashSet();
        var bases = From().Matches(text).Select(match => match.Groups["image"].Value)
            .Where(image => !stages.Contains(image))
            .Select(image => image.StartsWith("${", StringComparison.Ordinal) ? arguments[image[2..^1]] : image)
            .ToList();

        Assert.NotEmpty(bases);
        Assert.All(bases, image => Assert.True(Planning.ImageSettings.IsPinned(image), $"{path}: base '{image}' is not pinned"));
    }

    [Fact]
    public void The_Jetson_image_brings_ONNX_Runtime_matching_the_managed_package()
    {
        var containerfile = File.ReadAllText(Repository.PathOf("deploy/images/inference-jetson/Containerfile"));
        var packages = File.ReadAllText(Repository.PathOf("Directory.Packages.props"));

        var managed = Regex.Match(packages, "Include=\"Microsoft.ML.OnnxRuntime.Managed\" Version=\"(?<version>[^\"]+)\"").Groups["version"].Value;
        Assert.Contains($"ARG ONNXRUNTIME_VERSION={managed}\n", containerfile);
        Assert.Contains("libonnxruntime.so", containerfile);
        Assert.Contains("-r linux-arm64", containerfile);
    }

    private static async Task<Dictionary<string, string>> EvaluateAsync(string project, params string[] properties)
    {
        var dotnet = Processes.FindOnPath("dotnet") ?? throw new InvalidOperationException("dotnet is not on PATH.");
        var result = await Processes.RunAsync(dotnet,
            ["msbuild", project, .. properties.Select(property => $"-getProperty:{property}")], Repository.Root, TimeSpan.FromMinutes(2));
        Assert.True(result.ExitCode == 0, $"dotnet msbuild {project} failed: {result.Output}{result.Error}");

        using var json = JsonDocument.Parse(result.Output);
        return json.RootElement.GetProperty("Properties").EnumerateObject().ToDictionary(property => property.Name, property => property.Value.GetString() ?? "");
    }

    [GeneratedRegex(@"^ARG (?<name>[A-Z0-9_]+)=(?<value>\S+)$", RegexOptions.Multiline)]
    private static partial Regex ArgDefault();

    [GeneratedRegex(@"^FROM (?:--platform=\S+ )?(?<image>\S+)(?: AS (?<stage>\S+))?", RegexOptions.Multiline)]
    private static partial Regex From();
}
