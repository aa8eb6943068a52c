using CrazyTrain.SignModel.Detections;
using CrazyTrain.SignModel.Metadata;
using CrazyTrain.SignModel.Runtime;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrazyTrain.Inference.Tests.Support;

internal static class Models
{
    public static ExecutionProviderChain CpuOnly() => new(["CPU"], 1, NullLogger.Instance);

    public static ModelRuntime Load(TestModel model, TempFolder folder, string fileName = "model.onnx") =>
        ModelRuntime.Load(model.WriteTo(folder.Path, fileName), CpuOnly());
}
