using System.Runtime.InteropServices;
using System.Text;

namespace CrazyTrain.Training.Onnx;

/// <summary>One float initializer of an ONNX graph: its name, dimensions and values.</summary>
internal sealed record OnnxTensor(string Name, long[] Dims, float[] Values);

/// <summary>
/// The float initializers (weights) and the metadata of an ONNX file, in file order: what is needed to load an
/// exported model back into the TorchSharp modules. Field numbers from onnx.proto: ModelProto.graph 7,
/// metadata_props 14; GraphProto.initializer 5; TensorProto dims 1, data_type 2, float_data 4, name 8, raw_data 9,
/// data_location 14; StringStringEntryProto key 1, value 2.
/// </summary>
internal sealed class OnnxWeightFile
{
    private const int ElemFloat = 1;
    private const int ExternalData = 1;

    private OnnxWeightFile(IReadOnlyList<OnnxTensor> initializers, IReadOnlyDictionary<string, string> metadata)
    {
        Initializers = initializers;
        Metadata = metadata;
    }

    /// <summary>Float initializers in the order the file lists them (the exporter's order); other types are left out.</summary>
    public IReadOnlyList<OnnxTensor> Initializers { get; }

    public IReadOnlyDictionary<string, string> Metadata { get; }

    public static OnnxWeightFile Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"ONNX model '{path}' does not exist.", path);
        }

        try
        {
            return Parse(File.ReadAllBytes(path));
        }
        catch (InvalidDataException error)
        {
            throw new InvalidDataException($"'{path}' is not a readable ONNX model: {error.Message}", error);
        }
    }

    public static OnnxWeightFile Parse(ReadOnlySpan<byte> model)
    {
        var initializers = new List<OnnxTensor>();
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var sawGraph = false;
        var reader = new ProtoReader(model);
        while (reader.Next())
        {
            if (reader.Field == 7 && reader.WireType == 2)
            {
                sawGraph = true;
                var graph = new ProtoReader(reader.Bytes);
                while (graph.Next())
                {
                    if (graph.Field == 5 && graph.WireType == 2 && Tensor(graph.Bytes) is { } tensor)
                    {
                        initializers.Add(tensor);
                    }
                }
            }
            else if (reader.Field == 14 && reader.WireType == 2)
            {
                var (key, value) = Entry(reader.Bytes);
                metadata[key] = value;
            }
        }

        if (!sawGraph)
        {
            throw new InvalidDataException("it holds no graph.");
        }

        return new OnnxWeightFile(initializers, metadata);
    }

    private static OnnxTensor? Tensor(ReadOnlySpan<byte> message)
    {
        var dims = new List<long>();
        var type = 0;
        var name = string.Empty;
        var external = false;
        float[]? raw = null;
        var floats = new List<float>();
        var reader = new ProtoReader(message);
        while (reader.Next())
        {
            switch (reader.Field, reader.WireType)
            {
                case (1, 0):
                    dims.Add((long)reader.Value);
                    break;
                case (1, 2):
                    dims.AddRange(ProtoReader.PackedVarints(reader.Bytes));
                    break;
                case (2, 0):
                    type = (int)reader.Value;
                    break;
                case (4, 5):
                    floats.Add(BitConverter.UInt32BitsToSingle((uint)reader.Value));
                    break;
                case (4, 2):
                    floats.AddRange(MemoryMarshal.Cast<byte, float>(reader.Bytes).ToArray());
                    break;
                case (8, 2):
                    name = Encoding.UTF8.GetString(reader.Bytes);
                    break;
                case (9, 2):
                    // raw_data is little-endian; so is every machine this runs on.
                    raw = MemoryMarshal.Cast<byte, float>(reader.Bytes).ToArray();
                    break;
                case (14, 0):
                    external = (int)reader.Value == ExternalData;
                    break;
            }
        }

        if (type != ElemFloat)
        {
            return null;
        }

        var count = dims.Aggregate(1L, (a, d) => a * d);
        var values = raw ?? floats.ToArray();
        if (external || values.Length != count)
        {
            throw new InvalidDataException(external
                ? $"initializer '{name}' is stored outside the file (external data is not supported)."
                : $"initializer '{name}' has {values.Length} values for dimensions [{string.Join(", ", dims)}].");
        }

        return new OnnxTensor(name, dims.ToArray(), values);
    }

    private static (string Key, string Value) Entry(ReadOnlySpan<byte> message)
    {
        var (key, value) = (string.Empty, string.Empty);
        var reader = new ProtoReader(message);
        while (reader.Next())
        {
            if (reader.WireType == 2 && reader.Field is 1 or 2)
            {
                var text = Encoding.UTF8.GetString(reader.Bytes);
                (key, value) = reader.Field == 1 ? (text, value) : (key, text);
            }
        }

        return (key, value);
    }
}
