using CrazyTrain.SignModel.Detections;
using CrazyTrain.SignModel.Metadata;
using CrazyTrain.SignModel.Runtime;
using CrazyTrain.Signs;
using CrazyTrain.Training.Model;
using CrazyTrain.Training.Native;
using static TorchSharp.torch;

namespace CrazyTrain.Training.Tests;

internal static class TestModels
{
    public static readonly string[] Labels = [.. SignCatalogue.Labels];

    /// <summary>A network with random weights and non-trivial batch-norm statistics, so folding is exercised.</summary>
    public static SignDetectorNet RandomNet(DetectorShape shape, int seed)
    {
        TorchNative.EnsureLoadable();
        random.manual_seed(seed);
        var net = new SignDetectorNet(shape, Labels.Length);
        using (no_grad())
        {
            foreach (var (name, parameter) in net.named_parameters())
            {
                if (name.EndsWith("bias", StringComparison.Ordinal) && !name.Contains("heat", StringComparison.Ordinal))
                {
                    parameter.uniform_(-0.2, 0.2);
                }
                else if (name.Contains("bn", StringComparison.Ordinal) && name.EndsWith("weight", StringComparison.Ordinal))
                {
                    parameter.uniform_(0.5, 1.5);
                }
            }
        }

        net.train();
        for (var i = 0; i < 30; i++)
        {
            using var x = rand(2, 3, 64, 96);
            net.forward(x);
        }

        net.eval();
        return net;
    }

    /// <summary>A sign reader with random weights and batch-norm statistics from random crops.</summary>
    public static SignReader RandomReader(int seed)
    {
        TorchNative.EnsureLoadable();
        random.manual_seed(seed);
        var reader = new SignReader(Labels);
        reader.train();
        for (var i = 0; i < 20; i++)
        {
            using var x = rand(8, 3, SignCrop.Size, SignCrop.Size);
            reader.forward(x);
        }

        reader.eval();
        return reader;
    }

    public static ModelCard Description(int width = 640, int height = 480) => DetectorCard.Create(
        Labels,
        new ModelProvenance { Command = "test", Seed = 1, DatasetHash = "none", Commit = "test", TrainedAt = "2026-11-28T00:00:00Z" },
        width,
        height);

    /// <summary>Loads an exported model as the service does (CPU), for its card and raw outputs.</summary>
    public static ModelRuntime Load(string model) => ModelRuntime.Load(model, ExecutionProviderChain.CpuOnly(1));

    /// <summary>The graph's raw boxes and scores for a prepared input tensor [1, 3, H, W].</summary>
    public static (float[] Boxes, float[] Scores) RunRaw(ModelRuntime runtime, float[] image)
    {
        image.CopyTo(runtime.Model.Input);
        runtime.Model.Run();
        return (runtime.Model.Boxes.ToArray(), runtime.Model.Scores.ToArray());
    }

    /// <summary>A detection as the decoder writes it, from an xyxy box.</summary>
    public static Detection Detected(int classId, string label, float score, float x1, float y1, float x2, float y2) =>
        new(label, score, new BoundingBox(x1, y1, x2 - x1, y2 - y1)) { ClassId = classId };
}
