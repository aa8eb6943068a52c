namespace CrazyTrain.Training.Onnx;

/// <summary>
/// Reads the protobuf wire format field by field: the counterpart of <see cref="ProtoWriter"/>, just enough to walk
/// an ONNX file. Unknown fields are skipped, so files written by other exporters parse as long as they are protobuf.
/// </summary>
internal ref struct ProtoReader
{
    private readonly ReadOnlySpan<byte> data;
    private int position;

    public ProtoReader(ReadOnlySpan<byte> data) => this.data = data;

    /// <summary>The field just read: its number, wire type, and its value (varints and fixed values as raw bits).</summary>
    public int Field { get; private set; }

    public int WireType { get; private set; }

    public ulong Value { get; private set; }

    public ReadOnlySpan<byte> Bytes { get; private set; }

    /// <summary>Advances to the next field; false at the end of the message.</summary>
    public bool Next()
    {
        if (position >= data.Length)
        {
            return false;
        }

        var tag = ReadVarint();
        Field = (int)(tag >> 3);
        WireType = (int)(tag & 7);
        Bytes = default;
        switch (WireType)
        {
            case 0:
                Value = ReadVarint();
                break;
            case 1:
                Value = BitConverter.ToUInt64(Take(8));
                break;
            case 2:
                Bytes = Take(checked((int)ReadVarint()));
                break;
            case 5:
                Value = BitConverter.ToUInt32(Take(4));
                break;
            default:
                throw new InvalidDataException($"Not a protobuf message: wire type {WireType} at byte {position}.");
        }

        return true;
    }

    /// <summary>Varints packed into one length-delimited field (proto3's default for repeated integers).</summary>
    public static List<long> PackedVarints(ReadOnlySpan<byte> packed)
    {
        var values = new List<long>();
        var reader = new ProtoReader(packed);
        while (reader.position < packed.Length)
        {
            values.Add((long)reader.ReadVarint());
        }

        return values;
    }

    private ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = Take(1)[0];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException("Not a protobuf message: a varint longer than 10 bytes.");
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || position + count > data.Length)
        {
            throw new InvalidDataException($"Not a protobuf message: {count} bytes wanted at byte {position} of {data.Length}.");
        }

        var slice = data.Slice(position, count);
        position += count;
        return slice;
    }
}
