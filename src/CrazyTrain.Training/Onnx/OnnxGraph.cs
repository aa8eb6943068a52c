using System.Runtime.InteropServices;

namespace CrazyTrain.Training.Onnx;

/// <summary>
/// Builds an ONNX graph node by node and serialises it as a ModelProto (IR 8, opset 17).
/// Only what the sign detector uses; field numbers follow onnx/onnx.proto.
/// </summary>
public sealed class OnnxGraph
{
    public const int Opset = 17;
    private const int IrVersion = 8;
    private const int ElemFloat = 1;
    private const int ElemInt64 = 7;

    private readonly List<ProtoWriter> nodes = [];
    private readonly List<ProtoWriter> initializers = [];
    private readonly List<ProtoWriter> inputs = [];
    private readonly List<ProtoWriter> outputs = [];
    private readonly Dictionary<string, string> metadata = new(StringComparer.Ordinal);
    private int counter;

    public string Input(string name, params long[] shape)
    {
        inputs.Add(ValueInfo(name, shape));
        return name;
    }

    public void Output(string name, params long[] shape) => outputs.Add(ValueInfo(name, shape));

    public void Metadata(string key, string value) => metadata[key] = value;

    public string Initializer(string hint, float[] values, params long[] dims) =>
        AddInitializer(hint, ElemFloat, MemoryMarshal.AsBytes(values.AsSpan()), dims);

    public string Int64Initializer(string hint, long[] values, params long[] dims) =>
        AddInitializer(hint, ElemInt64, MemoryMarshal.AsBytes(values.AsSpan()), dims);

    private string AddInitializer(string hint, int elementType, ReadOnlySpan<byte> raw, long[] dims)
    {
        var name = Fresh(hint);
        var tensor = new ProtoWriter();
        tensor.PackedVarints(1, dims);
        tensor.Varint(2, elementType);
        tensor.String(8, name);
        tensor.Bytes(9, raw);
        initializers.Add(tensor);
        return name;
    }

    /// <summary>Adds a node and returns the name of its output; <paramref name="output"/> names it explicitly.</summary>
    public string Node(string opType, string[] nodeInputs, Action<AttributeList>? attributes = null, string? output = null) =>
        Node(opType, nodeInputs, [output ?? Fresh(opType)], attributes)[0];

    /// <summary>Adds a node with several outputs (TopK: values and indices) and returns their names.</summary>
    public string[] Node(string opType, string[] nodeInputs, int outputCount, Action<AttributeList>? attributes = null) =>
        Node(opType, nodeInputs, Enumerable.Range(0, outputCount).Select(_ => Fresh(opType)).ToArray(), attributes);

    private string[] Node(string opType, string[] nodeInputs, string[] nodeOutputs, Action<AttributeList>? attributes)
    {
        var node = new ProtoWriter();
        foreach (var input in nodeInputs)
        {
            node.String(1, input);
        }

        foreach (var output in nodeOutputs)
        {
            node.String(2, output);
        }

        node.String(3, Fresh(opType + "_node"));
        node.String(4, opType);
        if (attributes is not null)
        {
            var list = new AttributeList();
            attributes(list);
            foreach (var attribute in list.Items)
            {
                node.Message(5, attribute);
            }
        }

        nodes.Add(node);
        return nodeOutputs;
    }

    public byte[] ToBytes(string graphName, string producer)
    {
        var graph = new ProtoWriter();
        foreach (var node in nodes)
        {
            graph.Message(1, node);
        }

        graph.String(2, graphName);
        foreach (var initializer in initializers)
        {
            graph.Message(5, initializer);
        }

        foreach (var input in inputs)
        {
            graph.Message(11, input);
        }

        foreach (var output in outputs)
        {
            graph.Message(12, output);
        }

        var opset = new ProtoWriter();
        opset.String(1, string.Empty);
        opset.Varint(2, Opset);

        var model = new ProtoWriter();
        model.Varint(1, IrVersion);
        model.String(2, producer);
        model.String(3, "1");
        model.Message(7, graph);
        model.Message(8, opset);
        foreach (var (key, value) in metadata)
        {
            var entry = new ProtoWriter();
            entry.String(1, key);
            entry.String(2, value);
            model.Message(14, entry);
        }

        return model.ToArray();
    }

    private string Fresh(string hint) => $"{hint}_{counter++}";

    private static ProtoWriter ValueInfo(string name, long[] shape)
    {
        var dims = new ProtoWriter();
        foreach (var dim in shape)
        {
            var d = new ProtoWriter();
            d.Varint(1, dim);
            dims.Message(1, d);
        }

        var tensorType = new ProtoWriter();
        tensorType.Varint(1, ElemFloat);
        tensorType.Message(2, dims);
        var type = new ProtoWriter();
        type.Message(1, tensorType);
        var info = new ProtoWriter();
        info.String(1, name);
        info.Message(2, type);
        return info;
    }

    /// <summary>AttributeProto entries of one node.</summary>
    public sealed class AttributeList
    {
        internal List<ProtoWriter> Items { get; } = [];

        public AttributeList Int(string name, long value)
        {
            var a = Named(name, 2);
            a.Varint(3, value);
            return this;
        }

        public AttributeList Float(string name, float value)
        {
            var a = Named(name, 1);
            a.Float(2, value);
            return this;
        }

        public AttributeList String(string name, string value)
        {
            var a = Named(name, 3);
            a.String(4, value);
            return this;
        }

        public AttributeList Ints(string name, params long[] values)
        {
            var a = Named(name, 7);
            a.PackedVarints(8, values);
            return this;
        }

        private ProtoWriter Named(string name, int type)
        {
            var a = new ProtoWriter();
            a.String(1, name);
            a.Varint(20, type);
            Items.Add(a);
            return a;
        }
    }
}
