using CrazyTrain.Inference.Tests.Support;
using CrazyTrain.SignModel.Detections;
using CrazyTrain.SignModel.Metadata;
using CrazyTrain.SignModel.Runtime;
using Microsoft.Extensions.Logging;

namespace CrazyTrain.Inference.Tests;

public sealed class ModelLoadingTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void A_contract_model_loads_with_its_metadata_on_the_CPU()
    {
        using var runtime = Models.Load(new TestModel { Name = "signs", Version = "2.1.0", Width = 64, Height = 48 }, _folder);

        Assert.Equal("CPU", runtime.Model.ExecutionProvider);
        Assert.Equal(new ModelIdentity("signs", "2.1.0"), runtime.Identity);
        Assert.Equal(TestModel.SignLabels, runtime.Model.Card.Labels);
        Assert.Equal([1L, 3, 48, 64], runtime.Model.InputShape);
        Assert.Equal(1, runtime.Model.Anchors);
        Assert.Equal(0.45f, runtime.Model.Card.Nms.IouThreshold);
    }

    [Fact]
    public void A_missing_file_is_refused_with_its_name()
    {
        var path = _folder.File("nowhere.onnx");
        var error = Assert.Throws<ModelLoadException>(() => ModelRuntime.Load(path, Models.CpuOnly()));
        Assert.Contains(path, error.Message);
        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public void A_file_that_is_not_ONNX_is_refused_with_its_name()
    {
        var path = _folder.File("notes.onnx");
        File.WriteAllText(path, "this is a shopping list, not a model");
        var error = Assert.Throws<ModelLoadException>(() => ModelRuntime.Load(path, Models.CpuOnly()));
        Assert.Contains(path, error.Message);
        Assert.Contains("ONNX Runtime cannot load it", error.Message);
    }

    [Fact]
    public void A_model_without_the_metadata_is_refused()
    {
        var error = Assert.Throws<ModelLoadException>(() => Models.Load(new TestModel { WithoutMetadata = true }, _folder));
        Assert.Contains("'crazytrain.model'", error.Message);
        Assert.Contains("model.onnx", error.Message);
    }

    [Theory]
    [InlineData("{not json", "is not valid")]
    [InlineData("""{"schema": 2, "name": "x", "version": "1", "labels": ["a"], "input": {"name": "image", "width": 64, "height": 48}}""", "schema is 2")]
    [InlineData("""{"schema": 1, "name": "x", "version": "1", "labels": [], "input": {"name": "image", "width": 64, "height": 48}}""", "labels are missing")]
    [InlineData("""{"schema": 1, "name": "x", "version": "1", "labels": ["a"], "input": {"name": "image", "width": 64, "height": 48, "resize": "crop"}}""", "is not valid")]
    [InlineData("""{"schema": 1, "name": "x", "version": "1", "labels": ["a"], "input": {"name": "image", "width": 64, "height": 48}, "output": {"boxFormat": "xywh"}}""", "is not valid")]
    public void Unusable_metadata_is_refused_with_the_reason(string json, string reason)
    {
        var error = Assert.Throws<ModelLoadException>(() => Models.Load(new TestModel { MetadataJson = json }, _folder));
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void Metadata_that_disagrees_with_the_graph_is_refused()
    {
        var wrongSize = Assert.Throws<ModelLoadException>(() => Models.Load(new TestModel { GraphInputShape = [1, 3, 32, 32] }, _folder, "size.onnx"));
        Assert.Contains("has shape [1, 3, 32, 32]", wrongSize.Message);

        var wrongClasses = Assert.Throws<ModelLoadException>(() => Models.Load(new TestModel { GraphClasses = 3 }, _folder, "classes.onnx"));
        Assert.Contains("5 labels", wrongClasses.Message);

        var wrongInput = Assert.Throws<ModelLoadException>(() => Models.Load(new TestModel { InputName = "pixels", MetadataJson = new TestModel().Metadata() }, _folder, "input.onnx"));
        Assert.Contains("names input 'image'", wrongInput.Message);
    }

    [Fact]
    public void A_graph_with_dynamic_input_size_takes_the_size_from_the_metadata()
    {
        using var runtime = Models.Load(new TestModel { GraphInputShape = [1, 3, -1, -1], Width = 40, Height = 32 }, _folder);
        Assert.Equal([1L, 3, 32, 40], runtime.Model.InputShape);
    }

    [Fact]
    public void Missing_GPU_providers_fall_back_to_the_CPU_with_one_warning()
    {
        var logger = new ListLogger();
        var chain = new ExecutionProviderChain(["TensorRT", "CUDA", "CPU"], 1, logger);
        var path = new TestModel().WriteTo(_folder.Path);

        using (var first = ModelRuntime.Load(path, chain))
        using (var second = ModelRuntime.Load(path, chain))
        {
            Assert.Equal("CPU", first.Model.ExecutionProvider);
            Assert.Equal("CPU", second.Model.ExecutionProvider);
        }

        var warning = Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains("TensorRT", warning.Message);
        Assert.Contains("CUDA", warning.Message);
        Assert.Contains("running on CPU", warning.Message);
    }

    [Fact]
    public void Without_the_CPU_in_the_list_a_missing_GPU_is_a_clear_load_error()
    {
        var chain = new ExecutionProviderChain(["CUDA"], 1, new ListLogger());
        var error = Assert.Throws<ModelLoadException>(() => ModelRuntime.Load(new TestModel().WriteTo(_folder.Path), chain));
        Assert.Contains("no configured execution provider could run it", error.Message);
        Assert.Contains("CUDA", error.Message);
    }

    [Fact]
    public void Unknown_provider_names_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new ExecutionProviderChain(["CPU", "Potato"], 1, new ListLogger()));
        Assert.Contains("Potato", error.Message);
    }

    public void Dispose() => _folder.Dispose();
}
