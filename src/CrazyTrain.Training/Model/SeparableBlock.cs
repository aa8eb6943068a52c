using CrazyTrain.Training.Onnx;
using static TorchSharp.torch;

namespace CrazyTrain.Training.Model;

/// <summary>Depthwise 3x3 then pointwise 1x1; a residual connection when the shape is kept.</summary>
internal sealed class SeparableBlock : nn.Module<Tensor, Tensor>
{
    private readonly ConvBn depthwise;
    private readonly ConvBn pointwise;
    private readonly bool residual;

    public SeparableBlock(string name, long input, long output, long stride = 1)
        : base(name)
    {
        depthwise = new ConvBn(name + "_dw", input, input, 3, stride, groups: input);
        residual = stride == 1 && input == output;
        pointwise = new ConvBn(name + "_pw", input, output, 1, relu: !residual);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        var y = pointwise.forward(depthwise.forward(x));
        return residual ? nn.functional.relu(TensorSum.Add(y, x)) : y;
    }

    public string Export(OnnxGraph graph, string x)
    {
        var y = pointwise.Export(graph, depthwise.Export(graph, x));
        return residual ? graph.Node("Relu", [graph.Node("Add", [y, x])]) : y;
    }

    public void Import(OnnxWeights weights, int occurrence = 0)
    {
        depthwise.Import(weights, occurrence);
        pointwise.Import(weights, occurrence);
    }
}
