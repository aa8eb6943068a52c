using CrazyTrain.Training.Onnx;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CrazyTrain.Training.Model;

/// <summary>
/// The second stage: reads a speed-limit candidate's <see cref="SignCrop"/> and says whether it shows 30, 50 or is no
/// speed-limit sign at all. The detector finds red-ringed white discs well but, at stride 4 and a few channels, it
/// tells "30" from "50" barely better than chance; a crop scaled up to 32 px puts the digits in front of a small
/// network of their own. <see cref="forward"/> gives logits; <see cref="Export"/> writes probabilities.
/// </summary>
internal sealed class SpeedLimitReader : nn.Module<Tensor, Tensor>
{
    /// <summary>Output classes in order: not a speed-limit sign, 30, 50.</summary>
    public static readonly string[] Readings = ["other", "speed_limit_30", "speed_limit_50"];

    private readonly ConvBn stem;
    private readonly ConvBn down16;
    private readonly SeparableBlock block16;
    private readonly ConvBn down8;
    private readonly SeparableBlock block8;
    private readonly ConvBn down4;
    private readonly Linear classify;

    public SpeedLimitReader()
        : base(nameof(SpeedLimitReader))
    {
        stem = new ConvBn("reader_stem", 3, 16, 3);
        down16 = new ConvBn("reader_down16", 16, 32, 3, stride: 2);
        block16 = new SeparableBlock("reader_block16", 32, 32);
        down8 = new ConvBn("reader_down8", 32, 64, 3, stride: 2);
        block8 = new SeparableBlock("reader_block8", 64, 64);
        down4 = new ConvBn("reader_down4", 64, 64, 3, stride: 2);
        classify = nn.Linear(64, Readings.Length);
        RegisterComponents();
    }

    /// <summary>Crops [N,3,32,32] to logits [N,3].</summary>
    public override Tensor forward(Tensor crops)
    {
        var x = down4.forward(block8.forward(down8.forward(block16.forward(down16.forward(stem.forward(crops))))));
        MacCounter.Add(1, 1, classify.weight!.numel());
        return classify.forward(x.mean([2, 3]));
    }

    /// <summary>Convolution multiply-accumulates of reading one crop.</summary>
    public long MultiplyAccumulates()
    {
        using var noGrad = no_grad();
        using var x = zeros(1, 3, SignCrop.Size, SignCrop.Size);
        var wasTraining = training;
        eval();
        var macs = MacCounter.Measure(() => forward(x));
        train(wasTraining);
        return macs;
    }

    /// <summary>Writes the network for crops [M,3,32,32]; returns the name of the probabilities [M,3].</summary>
    public string Export(OnnxGraph graph, string crops)
    {
        var x = down4.Export(graph, block8.Export(graph, down8.Export(graph, block16.Export(graph, down16.Export(graph, stem.Export(graph, crops))))));
        var pooled = graph.Node("Flatten", [graph.Node("GlobalAveragePool", [x])], a => a.Int("axis", 1));
        var w = graph.Initializer("reader_fc_w", classify.weight!.detach().contiguous().data<float>().ToArray(), classify.weight!.shape);
        var b = graph.Initializer("reader_fc_b", classify.bias!.detach().contiguous().data<float>().ToArray(), classify.bias!.shape);
        var logits = graph.Node("Gemm", [pooled, w, b], a => a.Int("transB", 1));
        return graph.Node("Softmax", [logits], a => a.Int("axis", 1));
    }
}
