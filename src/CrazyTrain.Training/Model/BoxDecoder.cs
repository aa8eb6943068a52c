using CrazyTrain.Training.Onnx;
using static TorchSharp.torch;

namespace CrazyTrain.Training.Model;

/// <summary>
/// Turns the stride-4 maps into the contract's outputs: boxes [1,A,4] xyxy in input pixels and scores [1,A,C]
/// probabilities, one candidate per cell. Only local maxima (3x3) of a class keep their score; the rest get 0,
/// which replaces most of NMS for CenterNet-style heads.
/// </summary>
internal static class BoxDecoder
{
    /// <summary>
    /// A cell counts as a peak when no neighbour's logit beats it by this much. Exact equality would let
    /// float rounding differences between runtimes flip near-ties; near-ties become duplicates that NMS removes.
    /// </summary>
    public const float PeakTolerance = 1e-3f;

    public static (Tensor Boxes, Tensor Scores) Decode(HeadOutputs head)
    {
        using var scope = NewDisposeScope();
        var (n, c, h, w) = (head.Heat.shape[0], head.Heat.shape[1], head.Heat.shape[2], head.Heat.shape[3]);
        var pooled = nn.functional.max_pool2d(head.Heat, 3, stride: 1, padding: 1);
        var peaks = (pooled - head.Heat).lt(PeakTolerance).to_type(ScalarType.Float32);
        var scores = (head.Heat.sigmoid() * peaks).reshape(n, c, h * w).permute(0, 2, 1);
        var grid = Grid(h, w);
        var centres = (grid + head.Offset) * DetectorShape.OutputStride;
        var half = head.LogSize.exp() * (DetectorShape.OutputStride / 2.0);
        var boxes = cat([centres - half, centres + half], 1).reshape(n, 4, h * w).permute(0, 2, 1);
        return (boxes.contiguous().MoveToOuterDisposeScope(), scores.contiguous().MoveToOuterDisposeScope());
    }

    public static (string Boxes, string Scores) Export(OnnxGraph graph, string heat, string offset, string logSize, int h, int w, string scoresOutput = "scores")
    {
        var pooled = graph.Node("MaxPool", [heat], a => a.Ints("kernel_shape", 3, 3).Ints("strides", 1, 1).Ints("pads", 1, 1, 1, 1));
        var tolerance = graph.Initializer("peak_tolerance", [PeakTolerance], 1);
        var peaks = graph.Node("Cast", [graph.Node("Less", [graph.Node("Sub", [pooled, heat]), tolerance])], a => a.Int("to", 1));
        var scores4d = graph.Node("Mul", [graph.Node("Sigmoid", [heat]), peaks]);
        var flat = graph.Int64Initializer("flat_shape", [1, 0, h * w], 3);
        var scores = graph.Node("Transpose", [graph.Node("Reshape", [scores4d, flat])], a => a.Ints("perm", 0, 2, 1), output: scoresOutput);

        var grid = graph.Initializer("grid", GridValues(h, w), 1, 2, h, w);
        var stride = graph.Initializer("stride", [DetectorShape.OutputStride], 1);
        var halfStride = graph.Initializer("half_stride", [DetectorShape.OutputStride / 2f], 1);
        var centres = graph.Node("Mul", [graph.Node("Add", [grid, offset]), stride]);
        var half = graph.Node("Mul", [graph.Node("Exp", [logSize]), halfStride]);
        var corners = graph.Node("Concat", [graph.Node("Sub", [centres, half]), graph.Node("Add", [centres, half])], a => a.Int("axis", 1));
        var boxes = graph.Node("Transpose", [graph.Node("Reshape", [corners, flat])], a => a.Ints("perm", 0, 2, 1), output: "boxes");
        return (boxes, scores);
    }

    /// <summary>Cell coordinates [1,2,h,w]: channel 0 is x (column), channel 1 is y (row).</summary>
    public static Tensor Grid(long h, long w)
    {
        var ys = arange(h, ScalarType.Float32).reshape(h, 1).expand(h, w);
        var xs = arange(w, ScalarType.Float32).reshape(1, w).expand(h, w);
        return stack([xs, ys]).unsqueeze(0);
    }

    private static float[] GridValues(int h, int w)
    {
        var values = new float[2 * h * w];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                values[(y * w) + x] = x;
                values[(h * w) + (y * w) + x] = y;
            }
        }

        return values;
    }
}
