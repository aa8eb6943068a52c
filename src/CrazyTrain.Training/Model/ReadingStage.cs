using CrazyTrain.Training.Onnx;
using static TorchSharp.torch;

namespace CrazyTrain.Training.Model;

/// <summary>
/// Re-scores the detector's best candidates with <see cref="SignReader"/>s, inside the exported graph so the
/// contract's outputs (boxes, scores) keep their meaning and the inference service needs nothing new. The
/// <see cref="Candidates"/> cells with the highest score s (over all classes) have their box cropped from the input
/// image and read; their class scores become s x P(class), P averaged when there are several readers (model
/// 1.8.0 has two): the detector says how sure it is that a sign is there, the reader which sign it is, or that it is
/// none. Every other cell scores 0: a candidate nobody read is the detector's unchecked guess (a poster, a fabric
/// motif), and keeping its score put such guesses into the output beside the read ones (held-out mAP by kind 0.954 with
/// them, 0.961 without, the same detector and reader). <see cref="Apply"/> computes the same in TorchSharp for the
/// parity test.
/// </summary>
internal static class ReadingStage
{
    /// <summary>Candidates read per frame: more signs than a track shows at once, few enough to cost little.</summary>
    public const int Candidates = 12;

    /// <summary>Writes the stage: image [1,3,H,W], boxes [1,A,4], scores [1,A,C] to the re-scored scores [1,A,C] named <paramref name="output"/>.</summary>
    /// <param name="keepUnreadScores">
    /// Leave the cells the readers do not read at the detector's own scores instead of 0: only for the model that mines
    /// hard negatives, which should see every confident mistake of the detector, read or not.
    /// </param>
    public static string Export(OnnxGraph graph, IReadOnlyList<SignReader> readers, string image, string boxes, string scores, int classes, string output, bool keepUnreadScores = false)
    {
        CheckClasses(readers, classes);
        var cells = graph.Node("Reshape", [scores, graph.Int64Initializer("cells_shape", [-1, classes], 2)]);
        var cellBoxes = graph.Node("Reshape", [boxes, graph.Int64Initializer("box_shape", [-1, 4], 2)]);
        var best = graph.Node("ReduceMax", [cells], a => a.Ints("axes", 1).Int("keepdims", 0));
        var top = graph.Node("TopK", [best, graph.Int64Initializer("candidates", [Candidates], 1)], 2, a => a.Int("axis", 0));
        var (strength, index) = (top[0], top[1]);

        var regions = graph.Node("MatMul", [graph.Node("Gather", [cellBoxes, index], a => a.Int("axis", 0)), graph.Initializer("crop_region", SignCrop.RegionMatrix(), 4, 4)]);
        var crops = graph.Node("RoiAlign", [image, regions, graph.Int64Initializer("crop_batch", new long[Candidates], Candidates)], a => a
            .String("mode", "avg")
            .String("coordinate_transformation_mode", "half_pixel")
            .Int("output_height", SignCrop.Size)
            .Int("output_width", SignCrop.Size)
            .Int("sampling_ratio", SignCrop.SamplingRatio)
            .Float("spatial_scale", 1f));
        var readings = readers.Select(r => r.Export(graph, crops)).Aggregate((a, b) => graph.Node("Add", [a, b]));
        if (readers.Count > 1)
        {
            readings = graph.Node("Mul", [readings, graph.Initializer("reader_mean", [1f / readers.Count], 1)]);
        }

        var read = graph.Node("Slice", [readings, graph.Int64Initializer("read_from", [1], 1), graph.Int64Initializer("read_to", [1 + classes], 1), graph.Int64Initializer("read_axis", [1], 1)]);
        var rows = graph.Node("Mul", [read, graph.Node("Unsqueeze", [strength, graph.Int64Initializer("column_axis", [1], 1)])]);
        var positions = graph.Node("Unsqueeze", [index, graph.Int64Initializer("index_axis", [1], 1)]);
        var unread = keepUnreadScores ? cells : graph.Node("Mul", [cells, graph.Initializer("unread_score", [0f], 1)]);
        var rescored = graph.Node("ScatterND", [unread, positions, rows]);
        return graph.Node("Reshape", [rescored, graph.Int64Initializer("scores_shape", [1, -1, classes], 3)], output: output);
    }

    /// <summary>The stage in TorchSharp on one input tensor [3,H,W] (planar floats), boxes [1,A,4] and scores [1,A,C].</summary>
    public static Tensor Apply(IReadOnlyList<SignReader> readers, float[] image, int width, int height, Tensor boxes, Tensor scores)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var cells = scores[0];
        CheckClasses(readers, (int)cells.shape[1]);
        var (strength, index) = cells.amax([1]).topk(Candidates);
        var boxValues = boxes[0].index_select(0, index).contiguous().data<float>().ToArray();
        var cropLength = 3 * SignCrop.Size * SignCrop.Size;
        var crops = new float[Candidates * cropLength];
        for (var i = 0; i < Candidates; i++)
        {
            var region = SignCrop.Region(boxValues[i * 4], boxValues[(i * 4) + 1], boxValues[(i * 4) + 2], boxValues[(i * 4) + 3]);
            SignCrop.Cut(image, width, height, region, crops.AsSpan(i * cropLength, cropLength));
        }

        var input = tensor(crops, [Candidates, 3, SignCrop.Size, SignCrop.Size]);
        var readings = stack(readers.Select(r => r.forward(input).softmax(1)).ToArray()).mean([0]);
        var rows = readings.narrow(1, 1, cells.shape[1]) * strength.unsqueeze(1);
        return zeros_like(cells).index_copy(0, index, rows).unsqueeze(0).MoveToOuterDisposeScope();
    }

    private static void CheckClasses(IReadOnlyList<SignReader> readers, int classes)
    {
        if (readers.Count == 0)
        {
            throw new ArgumentException("The reading stage needs at least one reader.", nameof(readers));
        }

        if (readers.FirstOrDefault(r => r.Readings.Count != classes + 1) is { } other)
        {
            throw new ArgumentException($"A reader reads {other.Readings.Count - 1} classes but the detector has {classes}.");
        }
    }
}
