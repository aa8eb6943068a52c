using CrazyTrain.Training.Onnx;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CrazyTrain.Training.Model;

/// <summary>
/// A CenterNet-style fully convolutional sign detector: a depthwise-separable backbone down to stride 32,
/// a top-down neck back to stride 4, and per-cell class heatmaps, centre offsets and sizes.
/// <see cref="forward"/> and <see cref="Export"/> describe the same computation and must change together.
/// </summary>
internal sealed class SignDetectorNet : nn.Module<Tensor, HeadOutputs>
{
    /// <summary>Heatmap bias so that the first steps start at a 1% foreground prior (CenterNet's -2.19 is 10%).</summary>
    private const double HeatPriorBias = -4.6;

    private readonly ConvBn stem;
    private readonly SeparableBlock down4;
    private readonly SeparableBlock block4;
    private readonly SeparableBlock down8;
    private readonly ModuleList<SeparableBlock> blocks8;
    private readonly SeparableBlock down16;
    private readonly ModuleList<SeparableBlock> blocks16;
    private readonly SeparableBlock down32;
    private readonly SeparableBlock block32;
    private readonly ConvBn lateral32;
    private readonly ConvBn lateral16;
    private readonly ConvBn lateral8;
    private readonly ConvBn lateral4;
    private readonly SeparableBlock merge16;
    private readonly SeparableBlock merge8;
    private readonly SeparableBlock merge4;
    private readonly SeparableBlock headBlock;
    private readonly Conv2d heat;
    private readonly Conv2d offset;
    private readonly Conv2d size;

    public SignDetectorNet(DetectorShape shape, int classes)
        : base(nameof(SignDetectorNet))
    {
        Shape = shape;
        Classes = classes;
        stem = new ConvBn("stem", 3, shape.Stem, 3, stride: 2);
        down4 = new SeparableBlock("down4", shape.Stem, shape.Stride4, stride: 2);
        block4 = new SeparableBlock("block4", shape.Stride4, shape.Stride4);
        down8 = new SeparableBlock("down8", shape.Stride4, shape.Stride8, stride: 2);
        blocks8 = new ModuleList<SeparableBlock>(Enumerable.Range(0, shape.Blocks8)
            .Select(i => new SeparableBlock($"block8_{i}", shape.Stride8, shape.Stride8)).ToArray());
        down16 = new SeparableBlock("down16", shape.Stride8, shape.Stride16, stride: 2);
        blocks16 = new ModuleList<SeparableBlock>(Enumerable.Range(0, shape.Blocks16)
            .Select(i => new SeparableBlock($"block16_{i}", shape.Stride16, shape.Stride16)).ToArray());
        down32 = new SeparableBlock("down32", shape.Stride16, shape.Stride32, stride: 2);
        block32 = new SeparableBlock("block32", shape.Stride32, shape.Stride32);
        lateral32 = new ConvBn("lateral32", shape.Stride32, shape.Neck, 1);
        lateral16 = new ConvBn("lateral16", shape.Stride16, shape.Neck, 1);
        lateral8 = new ConvBn("lateral8", shape.Stride8, shape.Neck, 1);
        lateral4 = new ConvBn("lateral4", shape.Stride4, shape.Neck, 1);
        merge16 = new SeparableBlock("merge16", shape.Neck, shape.Neck);
        merge8 = new SeparableBlock("merge8", shape.Neck, shape.Neck);
        merge4 = new SeparableBlock("merge4", shape.Neck, shape.Neck);
        headBlock = new SeparableBlock("head", shape.Neck, shape.Neck);
        heat = nn.Conv2d(shape.Neck, classes, 1);
        offset = nn.Conv2d(shape.Neck, 2, 1);
        size = nn.Conv2d(shape.Neck, 2, 1);
        RegisterComponents();
        using (no_grad())
        {
            heat.bias!.fill_(HeatPriorBias);
            offset.bias!.fill_(0.5);
            size.bias!.fill_(Math.Log(27.0 / DetectorShape.OutputStride));
        }
    }

    public DetectorShape Shape { get; }

    /// <summary>Convolution multiply-accumulates of one forward pass at the given input size.</summary>
    public long MultiplyAccumulates(int height, int width)
    {
        using var noGrad = no_grad();
        using var x = zeros(1, 3, height, width);
        var wasTraining = training;
        eval();
        var macs = MacCounter.Measure(() => forward(x));
        train(wasTraining);
        return macs;
    }

    public int Classes { get; }

    public override HeadOutputs forward(Tensor x)
    {
        var c4 = block4.forward(down4.forward(stem.forward(x)));
        var c8 = down8.forward(c4);
        foreach (var block in blocks8)
        {
            c8 = block.forward(c8);
        }

        var c16 = down16.forward(c8);
        foreach (var block in blocks16)
        {
            c16 = block.forward(c16);
        }

        var c32 = block32.forward(down32.forward(c16));
        var p32 = lateral32.forward(c32);
        var p16 = merge16.forward(TensorSum.Add(lateral16.forward(c16), Up(p32)));
        var p8 = merge8.forward(TensorSum.Add(lateral8.forward(c8), Up(p16)));
        var p4 = merge4.forward(TensorSum.Add(lateral4.forward(c4), Up(p8)));
        var features = headBlock.forward(p4);
        MacCounter.Add(features.shape[2], features.shape[3], heat.weight!.numel() + offset.weight!.numel() + size.weight!.numel());
        return new HeadOutputs(heat.forward(features), offset.forward(features), size.forward(features));
    }

    /// <summary>Writes the network and the box decoding; returns the names of the boxes and scores outputs.</summary>
    public (string Boxes, string Scores) Export(OnnxGraph graph, string image, int height, int width, string scoresOutput = "scores")
    {
        var c4 = block4.Export(graph, down4.Export(graph, stem.Export(graph, image)));
        var c8 = down8.Export(graph, c4);
        foreach (var block in blocks8)
        {
            c8 = block.Export(graph, c8);
        }

        var c16 = down16.Export(graph, c8);
        foreach (var block in blocks16)
        {
            c16 = block.Export(graph, c16);
        }

        var c32 = block32.Export(graph, down32.Export(graph, c16));
        var p32 = lateral32.Export(graph, c32);
        var p16 = merge16.Export(graph, graph.Node("Add", [lateral16.Export(graph, c16), UpExport(graph, p32)]));
        var p8 = merge8.Export(graph, graph.Node("Add", [lateral8.Export(graph, c8), UpExport(graph, p16)]));
        var p4 = merge4.Export(graph, graph.Node("Add", [lateral4.Export(graph, c4), UpExport(graph, p8)]));
        var features = headBlock.Export(graph, p4);
        return BoxDecoder.Export(
            graph,
            PlainConv(graph, heat, features),
            PlainConv(graph, offset, features),
            PlainConv(graph, size, features),
            height / DetectorShape.OutputStride,
            width / DetectorShape.OutputStride,
            scoresOutput);
    }

    /// <summary>
    /// Loads the weights <see cref="Export"/> wrote (batch norm folded: see <see cref="ConvBn.Import"/>). The three
    /// heads share the hint <c>head</c> and come in the order Export writes them: heatmap, offset, size.
    /// </summary>
    public void Import(OnnxWeights weights)
    {
        // In Export's order, so that a model of another design is refused at the first weight that does not fit.
        stem.Import(weights);
        foreach (var block in new[] { down4, block4, down8 }.Concat(blocks8).Append(down16).Concat(blocks16).Concat([down32, block32]))
        {
            block.Import(weights);
        }

        lateral32.Import(weights);
        foreach (var (lateral, merge) in new[] { (lateral16, merge16), (lateral8, merge8), (lateral4, merge4) })
        {
            lateral.Import(weights);
            merge.Import(weights);
        }

        headBlock.Import(weights);
        foreach (var (conv, occurrence) in new[] { heat, offset, size }.Select((c, i) => (c, i)))
        {
            ImportPlainConv(weights, conv, occurrence);
        }

        weights.EnsureNoneLeft(hint => !hint.StartsWith("reader_", StringComparison.Ordinal));
    }

    private static void ImportPlainConv(OnnxWeights weights, Conv2d conv, int occurrence)
    {
        var shape = conv.weight!.shape;
        var w = weights.Take("head_w", shape, occurrence);
        var b = weights.Take("head_b", [shape[0]], occurrence);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        conv.weight!.copy_(tensor(w, shape));
        conv.bias!.copy_(tensor(b));
    }

    private static Tensor Up(Tensor x) =>
        nn.functional.interpolate(x, scale_factor: [2.0, 2.0], mode: InterpolationMode.Nearest);

    private static string UpExport(OnnxGraph graph, string x)
    {
        var scales = graph.Initializer("up_scales", [1f, 1f, 2f, 2f], 4);
        return graph.Node("Resize", [x, string.Empty, scales], a => a
            .String("mode", "nearest")
            .String("coordinate_transformation_mode", "asymmetric")
            .String("nearest_mode", "floor"));
    }

    private static string PlainConv(OnnxGraph graph, Conv2d conv, string x)
    {
        var shape = conv.weight!.shape;
        var w = graph.Initializer("head_w", conv.weight!.detach().contiguous().data<float>().ToArray(), shape);
        var b = graph.Initializer("head_b", conv.bias!.detach().contiguous().data<float>().ToArray(), shape[0]);
        return graph.Node("Conv", [x, w, b], a => a.Ints("kernel_shape", 1, 1));
    }
}
