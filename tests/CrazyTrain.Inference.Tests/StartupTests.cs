using CrazyTrain.Inference.Hosting;
using CrazyTrain.Inference.Tests.Support;
using CrazyTrain.SignModel.Metadata;
using CrazyTrain.SignModel.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace CrazyTrain.Inference.Tests;

public sealed class StartupTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private static WebApplication Build(string modelPath, Dictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Inference:ModelPath"] = modelPath,
            ["Inference:WatchModel"] = "false",
            ["Inference:ExecutionProviders:0"] = "CPU",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? []);
        builder.AddSignDetection();
        return builder.Build();
    }

    [Fact]
    public async Task A_missing_model_stops_start_up_naming_the_file()
    {
        var path = _folder.File("missing.onnx");
        await using var app = Build(path);

        var error = await Assert.ThrowsAsync<ModelLoadException>(() => app.StartAsync());
        Assert.Equal(path, error.ModelFile);
    }

    [Fact]
    public async Task A_model_without_metadata_stops_start_up()
    {
        await using var app = Build(new TestModel { WithoutMetadata = true }.WriteTo(_folder.Path));

        var error = await Assert.ThrowsAsync<ModelLoadException>(() => app.StartAsync());
        Assert.Contains("crazytrain.model", error.Message);
    }

    [Fact]
    public async Task An_unknown_execution_provider_in_configuration_stops_start_up()
    {
        await using var app = Build(new TestModel().WriteTo(_folder.Path), new() { ["Inference:ExecutionProviders:0"] = "Potato" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains("Potato", error.Message);
    }

    [Fact]
    public void The_service_process_exits_with_a_clear_message_when_its_model_is_missing()
    {
        var path = _folder.File("gone.onnx");
        var (exitCode, _, error) = ServiceProcess.Run([], new Dictionary<string, string>
        {
            ["Inference__ModelPath"] = path,
            ["Inference__ExecutionProviders__0"] = "CPU",
            ["Inference__ConsumeFrames"] = "false",
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        });

        Assert.Equal(1, exitCode);
        Assert.Contains($"Inference cannot start: Model file '{path}' cannot be used: the file does not exist.", error);
    }

    public void Dispose() => _folder.Dispose();
}
