using CrazyTrain.Training.Onnx;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CrazyTrain.Training.Model;

/// <summary>
/// The second stage: reads a candidate's <see cref="SignCrop"/> and says which target sign it shows, or that it shows
/// none. The detector finds sign-like blobs well but, at stride 4 and a few channels, it tells "30" from "50" barely
/// better than chance and mistakes posters, traffic lights and stop/no-entry for each other; a crop scaled up to
/// 32 px puts the print in front of a small network of its own. <see cref="forward"/> gives logits over
/// <see cref="Readings"/>; <see cref="Export"/> writes probabilities.
/// </summary>
internal sealed class SignReader : nn.Module<Tensor, Tensor>
{
    public const string Other = "other";

    /// <summary>
    /// The layers in short, recorded with a reader run so a run of another design is not loaded. Depthwise-separable
    /// steps: dense 3x3 convolutions on 16x16 and 8x8 maps cost ONNX Runtime about 2.5 ms for 12 crops, these 0.1 ms.
    /// </summary>
    public const string Design = "conv16, sep32/2, sep32, sep64/2, sep64, sep64/2, avg, linear";

    private readonly ConvBn stem;
    private readonly SeparableBlock down16;
    private readonly SeparableBlock block16;
    private readonly SeparableBlock down8;
    private readonly SeparableBlock block8;
    private readonly SeparableBlock down4;
    private readonly Linear classify;

    public SignReader(IReadOnlyList<string> labels)
        : base(nameof(SignReader))
    {
        Readings = [Other, .. labels];
        stem = new ConvBn("reader_stem", 3, 16, 3);
        down16 = new SeparableBlock("reader_down16", 16, 32, stride: 2);
        block16 = new SeparableBlock("reader_block16", 32, 32);
        down8 = new SeparableBlock("reader_down8", 32, 64, stride: 2);
        block8 = new SeparableBlock("reader_block8", 64, 64);
        down4 = new SeparableBlock("reader_down4", 64, 64, stride: 2);
        classify = nn.Linear(64, Readings.Count);
        RegisterComponents();
    }

    /// <summary>Output classes in order: <see cref="Other"/> (no target sign), then the model's labels.</summary>
    public IReadOnlyList<string> Readings { get; }

    /// <summary>Crops [N,3,32,32] to logits [N,1+labels].</summary>
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

    /// <summary>Writes the network for crops [M,3,32,32]; returns the name of the probabilities [M,1+labels].</summary>
    public string Export(OnnxGraph graph, string crops)
    {
        var x = down4.Export(graph, block8.Export(graph, down8.Export(graph, block16.Export(graph, down16.Export(graph, stem.Export(graph, crops))))));
        var pooled = graph.Node("Flatten", [graph.Node("GlobalAveragePool", [x])], a => a.Int("axis", 1));
        var w = graph.Initializer("reader_fc_w", classify.weight!.detach().contiguous().data<float>().ToArray(), classify.weight!.shape);
        var b = graph.Initializer("reader_fc_b", classify.bias!.detach().contiguous().data<float>().ToArray(), classify.bias!.shape);
        var logits = graph.Node("Gemm", [pooled, w, b], a => a.Int("transB", 1));
        return graph.Node("Softmax", [logits], a => a.Int("axis", 1));
    }

    /// <summary>
    /// Loads the weights <see cref="Export"/> wrote; <paramref name="occurrence"/> picks the reader of an ensemble in
    /// the order the graph holds them (batch norm folded: see <see cref="ConvBn.Import"/>).
    /// </summary>
    public void Import(OnnxWeights weights, int occurrence = 0)
    {
        stem.Import(weights, occurrence);
        foreach (var block in new[] { down16, block16, down8, block8, down4 })
        {
            block.Import(weights, occurrence);
        }

        var w = weights.Take("reader_fc_w", classify.weight!.shape, occurrence);
        var b = weights.Take("reader_fc_b", classify.bias!.shape, occurrence);
        using (NewDisposeScope())
        using (no_grad())
        {
            classify.weight!.copy_(tensor(w, classify.weight!.shape));
            classify.bias!.copy_(tensor(b));
        }

        weights.EnsureNoneLeft(hint => hint.StartsWith("reader_", StringComparison.Ordinal));
    }
}
