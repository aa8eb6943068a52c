using CrazyTrain.SignModel.Metadata;
using Microsoft.ML.OnnxRuntime;

namespace CrazyTrain.SignModel.Runtime;

/// <summary>
/// One loaded ONNX model with its input and output tensors allocated once: every run writes into and
/// reads from the same pinned buffers. Not thread-safe; <see cref="Detections.SignDetector"/> serialises use.
/// </summary>
public sealed class DetectionModel : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly float[] _input;
    private readonly float[] _boxes;
    private readonly float[] _scores;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly OrtValue[] _inputValues;
    private readonly OrtValue[] _outputValues;

    private DetectionModel(
        string filePath, ModelFileStamp stamp, ModelCard card, string provider, InferenceSession session, int anchors)
    {
        FilePath = filePath;
        FileStamp = stamp;
        Card = card;
        ExecutionProvider = provider;
        Anchors = anchors;
        LoadedAt = DateTimeOffset.UtcNow;
        _session = session;

        var input = card.Input;
        InputShape = [1, 3, input.Height, input.Width];
        _input = new float[3 * input.Height * input.Width];
        _boxes = new float[anchors * 4];
        _scores = new float[anchors * card.Labels.Count];
        _inputNames = [input.Name];
        _outputNames = [card.Output.Boxes, card.Output.Scores];
        _inputValues = [OrtValue.CreateTensorValueFromMemory(_input, InputShape)];
        _outputValues =
        [
            OrtValue.CreateTensorValueFromMemory(_boxes, [1, anchors, 4]),
            OrtValue.CreateTensorValueFromMemory(_scores, [1, anchors, card.Labels.Count]),
        ];
    }

    public string FilePath { get; }

    /// <summary>The file's time stamp and length when it was read, to tell a later change apart.</summary>
    public ModelFileStamp FileStamp { get; }

    public ModelCard Card { get; }

    public string ExecutionProvider { get; }

    /// <summary>Number of candidate boxes the model proposes per image (A in <c>[1, A, 4]</c>).</summary>
    public int Anchors { get; }

    public DateTimeOffset LoadedAt { get; }

    public long[] InputShape { get; }

    public long[] BoxesShape => [1, Anchors, 4];

    public long[] ScoresShape => [1, Anchors, Card.Labels.Count];

    /// <summary>The input tensor's memory, <c>[1, 3, height, width]</c> row-major.</summary>
    public Span<float> Input => _input;

    public ReadOnlySpan<float> Boxes => _boxes;

    public ReadOnlySpan<float> Scores => _scores;

    public void Run() => _session.Run(_runOptions, _inputNames, _inputValues, _outputNames, _outputValues);

    /// <summary>
    /// Opens the file, reads its metadata, checks that the graph matches it, and runs it once so the output
    /// size is known and buffers can be fixed. Any failure is a <see cref="ModelLoadException"/> naming the file.
    /// </summary>
    public static DetectionModel Load(string filePath, ExecutionProviderChain providers)
    {
        var fullPath = Path.GetFullPath(filePath);
        if (Directory.Exists(fullPath))
        {
            throw new ModelLoadException(fullPath, "it is a directory, not an .onnx file");
        }

        if (!File.Exists(fullPath))
        {
            throw new ModelLoadException(fullPath, "the file does not exist");
        }

        byte[] bytes;
        var stamp = ModelFileStamp.Of(fullPath);
        try
        {
            bytes = File.ReadAllBytes(fullPath);
        }
        catch (IOException ex)
        {
            throw new ModelLoadException(fullPath, $"it cannot be read ({ex.Message})", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new ModelLoadException(fullPath, $"it cannot be read ({ex.Message})", ex);
        }

        if (bytes.Length == 0)
        {
            throw new ModelLoadException(fullPath, "the file is empty");
        }

        var (session, provider) = providers.CreateSession(bytes, fullPath);
        try
        {
            var card = ReadCard(session, fullPath);
            CheckGraph(session, card, fullPath);
            var anchors = WarmUp(session, card, fullPath);
            return new DetectionModel(fullPath, stamp ?? default, card, provider, session, anchors);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    private static ModelCard ReadCard(InferenceSession session, string file)
    {
        if (!session.ModelMetadata.CustomMetadataMap.TryGetValue(ModelCard.MetadataKey, out var json))
        {
            throw new ModelLoadException(file, $"it has no '{ModelCard.MetadataKey}' entry in its metadata_props (see docs/contracts.md)");
        }

        return ModelCardJson.Parse(json, file);
    }

    private static void CheckGraph(InferenceSession session, ModelCard card, string file)
    {
        if (!session.InputMetadata.TryGetValue(card.Input.Name, out var input))
        {
            throw new ModelLoadException(file, $"the metadata names input '{card.Input.Name}' but the graph has {Names(session.InputMetadata.Keys)}");
        }

        if (session.InputMetadata.Count != 1)
        {
            throw new ModelLoadException(file, $"the graph has {session.InputMetadata.Count} inputs, one image input is expected");
        }

        if (input.ElementType != typeof(float))
        {
            throw new ModelLoadException(file, $"input '{card.Input.Name}' is {input.ElementType.Name}, float32 is expected");
        }

        long[] expected = [1, 3, card.Input.Height, card.Input.Width];
        var dims = input.Dimensions;
        if (dims.Length != 4 || dims.Where((d, i) => d > 0 && d != expected[i]).Any())
        {
            throw new ModelLoadException(file, $"input '{card.Input.Name}' has shape [{string.Join(", ", dims)}] but the metadata says [{string.Join(", ", expected)}]");
        }

        foreach (var output in new[] { card.Output.Boxes, card.Output.Scores })
        {
            if (!session.OutputMetadata.TryGetValue(output, out var meta))
            {
                throw new ModelLoadException(file, $"the metadata names output '{output}' but the graph has {Names(session.OutputMetadata.Keys)}");
            }

            if (meta.ElementType != typeof(float))
            {
                throw new ModelLoadException(file, $"output '{output}' is {meta.ElementType.Name}, float32 is expected");
            }
        }
    }

    private static int WarmUp(InferenceSession session, ModelCard card, string file)
    {
        var input = card.Input;
        var shape = new long[] { 1, 3, input.Height, input.Width };
        var data = new float[3 * input.Height * input.Width];
        Array.Fill(data, input.PadValue * input.Scale);
        using var value = OrtValue.CreateTensorValueFromMemory(data, shape);
        using var runOptions = new RunOptions();
        try
        {
            using var results = session.Run(runOptions, [input.Name], [value], [card.Output.Boxes, card.Output.Scores]);
            var boxes = results[0].GetTensorTypeAndShape().Shape;
            var scores = results[1].GetTensorTypeAndShape().Shape;
            if (boxes.Length != 3 || boxes[0] != 1 || boxes[2] != 4)
            {
                throw new ModelLoadException(file, $"output '{card.Output.Boxes}' has shape [{string.Join(", ", boxes)}], [1, A, 4] is expected");
            }

            if (scores.Length != 3 || scores[0] != 1 || scores[1] != boxes[1] || scores[2] != card.Labels.Count)
            {
                throw new ModelLoadException(file, $"output '{card.Output.Scores}' has shape [{string.Join(", ", scores)}], [1, {boxes[1]}, {card.Labels.Count}] is expected for {card.Labels.Count} labels");
            }

            return checked((int)boxes[1]);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new ModelLoadException(file, $"a test run failed ({ex.Message.Split('\n')[0]})", ex);
        }
    }

    private static string Names(IEnumerable<string> names) => "'" + string.Join("', '", names) + "'";

    public void Dispose()
    {
        foreach (var value in _inputValues.Concat(_outputValues))
        {
            value.Dispose();
        }

        _runOptions.Dispose();
        _session.Dispose();
    }
}
