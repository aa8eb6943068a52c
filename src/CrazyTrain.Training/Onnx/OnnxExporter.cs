using CrazyTrain.SignModel.Metadata;
using CrazyTrain.Training.Model;

namespace CrazyTrain.Training.Onnx;

/// <summary>Writes a trained <see cref="SignDetectorNet"/> (and its <see cref="SignReader"/>s) as a self-describing ONNX model.</summary>
internal static class OnnxExporter
{
    /// <param name="readers">The second stage that re-scores the best candidates; null or none exports the detector alone.</param>
    /// <param name="keepUnreadScores">See <see cref="ReadingStage.Export"/>: true only for the hard-negative miner.</param>
    public static byte[] Export(SignDetectorNet net, ModelCard description, IReadOnlyList<SignReader>? readers = null, bool keepUnreadScores = false)
    {
        if (description.Labels.Count != net.Classes)
        {
            throw new ArgumentException($"The model has {net.Classes} classes but the description lists {description.Labels.Count} labels.");
        }

        readers ??= [];
        if (readers.FirstOrDefault(r => !r.Readings.Skip(1).SequenceEqual(description.Labels)) is { } reader)
        {
            throw new ArgumentException($"The reader reads {string.Join(", ", reader.Readings.Skip(1))} but the model's labels are {string.Join(", ", description.Labels)}.");
        }

        var (h, w) = (description.Input.Height, description.Input.Width);
        if (h % 32 != 0 || w % 32 != 0)
        {
            throw new ArgumentException($"Input {w}x{h} must be a multiple of 32 in both directions.");
        }

        net.eval();
        var graph = new OnnxGraph();
        var image = graph.Input(description.Input.Name, 1, 3, h, w);
        var (boxes, scores) = net.Export(graph, image, h, w, readers.Count == 0 ? "scores" : "detector_scores");
        if (readers.Count > 0)
        {
            foreach (var r in readers)
            {
                r.eval();
            }

            scores = ReadingStage.Export(graph, readers, image, boxes, scores, net.Classes, "scores", keepUnreadScores);
        }

        var anchors = (long)(h / DetectorShape.OutputStride) * (w / DetectorShape.OutputStride);
        graph.Output(boxes, 1, anchors, 4);
        graph.Output(scores, 1, anchors, net.Classes);
        graph.Metadata(ModelCard.MetadataKey, ModelCardJson.Write(description));
        return graph.ToBytes(description.Name, "CrazyTrain.Training");
    }
}
