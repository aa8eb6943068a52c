using CrazyTrain.SignModel.Detections;
using CrazyTrain.SignModel.Metadata;
using CrazyTrain.SignModel.Runtime;
using Microsoft.Extensions.Logging;

namespace CrazyTrain.SignModel.Batch;

/// <summary>Options and model loading shared by the offline commands.</summary>
internal static class CliModel
{
    public static readonly System.CommandLine.Option<string> Model = new("--model", "-m")
    {
        Description = $"The ONNX model (default: the shipped {ModelLocator.DefaultModelPath}, looked up from here and the app's folders upwards).",
        DefaultValueFactory = _ => ModelLocator.DefaultModelPath,
    };

    public static readonly System.CommandLine.Option<string> Providers = new("--providers")
    {
        Description = "Execution providers to try, in order (comma-separated: TensorRT, CUDA, CPU).",
        DefaultValueFactory = _ => "TensorRT,CUDA,CPU",
    };

    public static ILoggerFactory CreateLoggers() => LoggerFactory.Create(logging => logging
        .SetMinimumLevel(LogLevel.Warning)
        .AddSimpleConsole(console => console.SingleLine = true)
        .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace));

    /// <summary>Loads the model or writes why not to stderr and returns null.</summary>
    public static ModelRuntime? Load(string path, string providers, int threads, ILoggerFactory loggers)
    {
        var names = providers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        try
        {
            var chain = new ExecutionProviderChain(names, threads, loggers.CreateLogger("CrazyTrain.Inference.ExecutionProviders"));
            return ModelRuntime.Load(ModelLocator.Resolve(path), chain);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
        }
        catch (ModelLoadException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
        }

        return null;
    }
}
