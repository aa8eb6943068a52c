using System.Text.RegularExpressions;
using CrazyTrain.SignModel.Metadata;
using CrazyTrain.Training.Native;
using CrazyTrain.Training.Onnx;

namespace CrazyTrain.Training.Model;

/// <summary>
/// An exported model (e.g. the shipped models/crazytrain-signs.onnx) opened to train on from its weights: the
/// TorchSharp checkpoints behind a shipped model are not kept, its ONNX file is. The detector's shape is read from
/// the weights' dimensions, the labels from the <c>crazytrain.model</c> metadata; both must fit what is trained.
/// </summary>
internal sealed partial class ExportedModel
{
    private readonly OnnxWeightFile file;

    private ExportedModel(string path, OnnxWeightFile file, ModelCard card)
    {
        Path = path;
        this.file = file;
        Card = card;
        var weights = Weights();
        Shape = new DetectorShape(
            Stem: Width(weights, "stem_w"),
            Stride4: Width(weights, "down4_pw_w"),
            Stride8: Width(weights, "down8_pw_w"),
            Stride16: Width(weights, "down16_pw_w"),
            Stride32: Width(weights, "down32_pw_w"),
            Neck: Width(weights, "lateral32_w"),
            Blocks8: weights.Hints.Count(h => Block8().IsMatch(h)),
            Blocks16: weights.Hints.Count(h => Block16().IsMatch(h)));
        Readers = weights.Count("reader_stem_w");
    }

    public string Path { get; }

    public ModelCard Card { get; }

    public DetectorShape Shape { get; }

    /// <summary>Sign readers in the graph (0: the detector alone).</summary>
    public int Readers { get; }

    /// <summary>Opens an exported model whose labels must be <paramref name="labels"/>, in that order.</summary>
    public static ExportedModel Open(string path, IReadOnlyList<string> labels)
    {
        var file = OnnxWeightFile.Read(path);
        if (!file.Metadata.TryGetValue(ModelCard.MetadataKey, out var json))
        {
            throw new InvalidDataException($"'{path}' has no '{ModelCard.MetadataKey}' metadata: not a model this factory exported.");
        }

        var card = ModelCardJson.Parse(json, path);
        if (!card.Labels.SequenceEqual(labels))
        {
            throw new InvalidDataException($"'{path}' detects {string.Join(", ", card.Labels)} but this factory trains {string.Join(", ", labels)}.");
        }

        return new ExportedModel(path, file, card);
    }

    /// <summary>The detector with the exported weights; <paramref name="shape"/>, when given, must be the file's.</summary>
    public SignDetectorNet Detector(DetectorShape? shape = null)
    {
        if (shape is not null && shape != Shape)
        {
            throw new ArgumentException($"'{Path}' holds a detector of shape {Shape} but shape {shape} was asked for: leave the shape at the file's.");
        }

        TorchNative.EnsureLoadable();
        var net = new SignDetectorNet(Shape, Card.Labels.Count);
        try
        {
            net.Import(Weights());
        }
        catch
        {
            net.Dispose();
            throw;
        }

        return net;
    }

    /// <summary>The <paramref name="index"/>-th sign reader of the graph with its exported weights.</summary>
    public SignReader Reader(int index = 0)
    {
        if (index >= Readers)
        {
            throw new InvalidDataException($"'{Path}' holds {Readers} sign reader(s); reader {index + 1} was asked for.");
        }

        TorchNative.EnsureLoadable();
        var reader = new SignReader(Card.Labels);
        try
        {
            reader.Import(Weights(), index);
        }
        catch
        {
            reader.Dispose();
            throw;
        }

        return reader;
    }

    private OnnxWeights Weights() => new(file, Path);

    private static int Width(OnnxWeights weights, string hint) => checked((int)weights.Dims(hint)[0]);

    [GeneratedRegex(@"^block8_\d+_dw_w$")]
    private static partial Regex Block8();

    [GeneratedRegex(@"^block16_\d+_dw_w$")]
    private static partial Regex Block16();
}
