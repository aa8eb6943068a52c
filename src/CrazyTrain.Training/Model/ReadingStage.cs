using CrazyTrain.Training.Onnx;
using static TorchSharp.torch;

namespace CrazyTrain.Training.Model;

/// <summary>
/// Re-scores the detector's speed-limit candidates with the <see cref="SpeedLimitReader"/>, inside the exported graph so
/// the contract's outputs (boxes, scores) keep their meaning and the inference service needs nothing new. The
/// <see cref="Candidates"/> cells with the highest speed-limit score (30 or 50, whichever is higher: s) have their
/// box cropped from the input image and read; their 30 and 50 scores become s x P(30) and s x P(50). The detector
/// says where a speed-limit sign is and how sure it is; the reader says which one it is, or that it is none.
/// <see cref="Apply"/> computes the same in TorchSharp for the parity test.
/// </summary>
internal static class ReadingStage
{
    /// <summary>Speed-limit candidates read per frame: more than a track shows at once, few enough to cost little.</summary>
    public const int Candidates = 8;

    public static (int Thirty, int Fifty) LabelIndices(IReadOnlyList<string> labels)
    {
        var thirty = labels.ToList().IndexOf(SpeedLimitReader.Readings[1]);
        var fifty = labels.ToList().IndexOf(SpeedLimitReader.Readings[2]);
        return thirty < 0 || fifty < 0
            ? throw new ArgumentException($"The speed-limit reader needs the labels {SpeedLimitReader.Readings[1]} and {SpeedLimitReader.Readings[2]} (labels: {string.Join(", ", labels)}).")
            : (thirty, fifty);
    }

    /// <summary>Writes the stage: image [1,3,H,W], boxes [1,A,4], scores [1,A,C] to the re-scored scores [1,A,C] named <paramref name="output"/>.</summary>
    public static string Export(OnnxGraph graph, SpeedLimitReader reader, string image, string boxes, string scores, IReadOnlyList<string> labels, string output)
    {
        var (thirty, fifty) = LabelIndices(labels);
        var classes = labels.Count;
        var cells = graph.Node("Reshape", [scores, graph.Int64Initializer("cells_shape", [-1, classes], 2)]);
        var cellBoxes = graph.Node("Reshape", [boxes, graph.Int64Initializer("box_shape", [-1, 4], 2)]);
        var columns = graph.Int64Initializer("speed_limit_columns", [thirty, fifty], 2);
        var speedLimit = graph.Node("ReduceMax", [graph.Node("Gather", [cells, columns], a => a.Int("axis", 1))], a => a.Ints("axes", 1).Int("keepdims", 0));
        var top = graph.Node("TopK", [speedLimit, graph.Int64Initializer("candidates", [Candidates], 1)], 2, a => a.Int("axis", 0));
        var (strength, index) = (top[0], top[1]);

        var regions = graph.Node("MatMul", [graph.Node("Gather", [cellBoxes, index], a => a.Int("axis", 0)), graph.Initializer("crop_region", SignCrop.RegionMatrix(), 4, 4)]);
        var crops = graph.Node("RoiAlign", [image, regions, graph.Int64Initializer("crop_batch", new long[Candidates], Candidates)], a => a
            .String("mode", "avg")
            .String("coordinate_transformation_mode", "half_pixel")
            .Int("output_height", SignCrop.Size)
            .Int("output_width", SignCrop.Size)
            .Int("sampling_ratio", SignCrop.SamplingRatio)
            .Float("spatial_scale", 1f));
        var readings = reader.Export(graph, crops);
        var read = graph.Node("Slice", [readings, graph.Int64Initializer("read_from", [1], 1), graph.Int64Initializer("read_to", [3], 1), graph.Int64Initializer("read_axis", [1], 1)]);
        var updates = graph.Node("Mul", [read, graph.Node("Unsqueeze", [strength, graph.Int64Initializer("column_axis", [1], 1)])]);

        // ScatterND indices [M,2,2]: (cell, 30-column) and (cell, 50-column) for each candidate.
        var pairShape = graph.Int64Initializer("pair_shape", [Candidates, 2, 1], 3);
        var rows = graph.Node("Expand", [graph.Node("Reshape", [index, graph.Int64Initializer("row_shape", [Candidates, 1, 1], 3)]), pairShape]);
        var cols = graph.Node("Expand", [graph.Int64Initializer("pair_columns", [thirty, fifty], 1, 2, 1), pairShape]);
        var positions = graph.Node("Concat", [rows, cols], a => a.Int("axis", 2));
        var rescored = graph.Node("ScatterND", [cells, positions, updates]);
        return graph.Node("Reshape", [rescored, graph.Int64Initializer("scores_shape", [1, -1, classes], 3)], output: output);
    }

    /// <summary>The stage in TorchSharp on one input tensor [3,H,W] (planar floats), boxes [1,A,4] and scores [1,A,C].</summary>
    public static Tensor Apply(SpeedLimitReader reader, float[] image, int width, int height, Tensor boxes, Tensor scores, IReadOnlyList<string> labels)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var (thirty, fifty) = LabelIndices(labels);
        var cells = scores[0];
        var speedLimit = cells.index_select(1, tensor(new long[] { thirty, fifty })).amax([1]);
        var (strength, index) = speedLimit.topk(Candidates);
        var boxValues = boxes[0].index_select(0, index).contiguous().data<float>().ToArray();
        var crops = new float[Candidates * 3 * SignCrop.Size * SignCrop.Size];
        var cropLength = 3 * SignCrop.Size * SignCrop.Size;
        for (var i = 0; i < Candidates; i++)
        {
            var region = SignCrop.Region(boxValues[i * 4], boxValues[(i * 4) + 1], boxValues[(i * 4) + 2], boxValues[(i * 4) + 3]);
            SignCrop.Cut(image, width, height, region, crops.AsSpan(i * cropLength, cropLength));
        }

        var readings = reader.forward(tensor(crops, [Candidates, 3, SignCrop.Size, SignCrop.Size])).softmax(1);
        var rescored = cells.clone();
        rescored.index_put_(strength * readings.select(1, 1), index, tensor((long)thirty));
        rescored.index_put_(strength * readings.select(1, 2), index, tensor((long)fifty));
        return rescored.unsqueeze(0).MoveToOuterDisposeScope();
    }
}
