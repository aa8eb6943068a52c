using System.Text;

namespace CrazyTrain.Training.Onnx;

/// <summary>
/// The few protobuf wire-format encodings an ONNX file needs (varint, length-delimited, packed).
/// Field numbers come from onnx.proto; each message is written into its own buffer and then nested.
/// </summary>
internal sealed class ProtoWriter
{
    private readonly MemoryStream buffer = new();

    public void Varint(int field, long value)
    {
        Tag(field, 0);
        WriteVarint((ulong)value);
    }

    public void Float(int field, float value)
    {
        Tag(field, 5);
        Span<byte> bytes = stackalloc byte[4];
        BitConverter.TryWriteBytes(bytes, value);
        buffer.Write(bytes);
    }

    public void String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public void Bytes(int field, ReadOnlySpan<byte> value)
    {
        Tag(field, 2);
        WriteVarint((ulong)value.Length);
        buffer.Write(value);
    }

    public void Message(int field, ProtoWriter message) => Bytes(field, message.ToArray());

    public void PackedVarints(int field, IEnumerable<long> values)
    {
        var packed = new ProtoWriter();
        foreach (var value in values)
        {
            packed.WriteVarint((ulong)value);
        }

        Bytes(field, packed.ToArray());
    }

    public void PackedFloats(int field, IEnumerable<float> values)
    {
        var packed = new List<byte>();
        foreach (var value in values)
        {
            packed.AddRange(BitConverter.GetBytes(value));
        }

        Bytes(field, packed.ToArray());
    }

    public byte[] ToArray() => buffer.ToArray();

    private void Tag(int field, int wireType) => WriteVarint((ulong)((field << 3) | wireType));

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        buffer.WriteByte((byte)value);
    }
}
