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

    public static ModelDescription Description(int width = 640, int height = 480) => new()
    {
        Labels = Labels,
        Input = new ModelInput { Width = width, Height = height },
        Provenance = new Provenance { Command = "test", Seed = 1, DatasetHash = "none", Commit = "test", TrainedAt = "2026-11-28T00:00:00Z" },
    };
}
