using CrazyTrain.Training.Onnx;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CrazyTrain.Training.Model;

/// <summary>Convolution + batch norm (+ ReLU). Exported as one Conv with the batch norm folded into it.</summary>
internal sealed class ConvBn : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv;
    private readonly RunningBatchNorm bn;
    private readonly bool relu;
    private readonly long stride;
    private readonly long padding;
    private readonly long groups;

    public ConvBn(string name, long input, long output, long kernel, long stride = 1, long groups = 1, bool relu = true)
        : base(name)
    {
        this.stride = stride;
        padding = kernel / 2;
        this.groups = groups;
        this.relu = relu;
        conv = nn.Conv2d(input, output, kernel, stride: stride, padding: padding, groups: groups, bias: false);
        bn = new RunningBatchNorm("bn", output);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        var y = bn.forward(conv.forward(x));
        MacCounter.Add(y.shape[2], y.shape[3], conv.weight!.numel());
        return relu ? nn.functional.relu(y) : y;
    }

    /// <summary>Writes Conv(W*gamma/sigma, beta - mean*gamma/sigma) and, if used, Relu.</summary>
    public string Export(OnnxGraph graph, string x)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var sigma = (bn.RunningVar + RunningBatchNorm.Eps).sqrt();
        var scale = bn.Weight / sigma;
        var weight = conv.weight! * scale.reshape(-1, 1, 1, 1);
        var bias = bn.Bias - (bn.RunningMean * scale);
        var shape = conv.weight!.shape;
        var w = graph.Initializer(GetName() + "_w", weight.contiguous().data<float>().ToArray(), shape);
        var b = graph.Initializer(GetName() + "_b", bias.contiguous().data<float>().ToArray(), shape[0]);
        var y = graph.Node("Conv", [x, w, b], a => a
            .Ints("kernel_shape", shape[2], shape[3])
            .Ints("strides", stride, stride)
            .Ints("pads", padding, padding, padding, padding)
            .Int("group", groups));
        return relu ? graph.Node("Relu", [y]) : y;
    }

    /// <summary>
    /// Loads what <see cref="Export"/> wrote: the folded weight into the convolution and the batch norm as an
    /// identity that adds the folded bias. The batch statistics behind the folding are gone, so exporting again
    /// writes the same Conv; training on should keep the batch norm frozen (<see cref="RunningBatchNorm.Frozen"/>).
    /// </summary>
    public void Import(OnnxWeights weights, int occurrence = 0)
    {
        var shape = conv.weight!.shape;
        var w = weights.Take(GetName() + "_w", shape, occurrence);
        var b = weights.Take(GetName() + "_b", [shape[0]], occurrence);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        conv.weight!.copy_(tensor(w, shape));
        bn.BecomeIdentityPlus(tensor(b));
    }
}
