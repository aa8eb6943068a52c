using System.Buffers.Binary;
using System.Text;

namespace CrazyTrain.LegoWireless.Links.Tcp;

/// <summary>What a frame on the hub's TCP link carries (docs/twin.md, "The hub link").</summary>
public enum GattFrameKind : byte
{
    /// <summary>Hub to central, first frame: the hub took this central; payload its name (UTF-8).</summary>
    Accepted = 0x01,

    /// <summary>Hub to central, only frame: the hub will not take this central (already held, switched off); payload why.</summary>
    Refused = 0x02,

    /// <summary>Central to hub: one GATT write to the LWP3 characteristic; payload the bytes written.</summary>
    Write = 0x10,

    /// <summary>Hub to central: one GATT notification of the LWP3 characteristic; payload its bytes.</summary>
    Notification = 0x11,

    /// <summary>Hub to central, last frame: the hub drops the link (switched off, disconnect action, fault); payload why.</summary>
    Dropped = 0x12,
}

/// <summary>
/// One frame on the hub's TCP link: <c>[kind: 1 byte][payload length: 2 bytes, big-endian][payload]</c>. TCP keeps
/// the order; the frame keeps one GATT write or notification whole, as BLE does.
/// </summary>
public readonly record struct GattFrame(GattFrameKind Kind, byte[] Payload)
{
    public const int HeaderLength = 3;

    /// <summary>Longer than any GATT attribute value (512 bytes) and any LWP3 message: a bigger length means a broken peer.</summary>
    public const int MaxPayloadLength = 4096;

    public string Text => Encoding.UTF8.GetString(Payload);

    public static GattFrame WithText(GattFrameKind kind, string text) => new(kind, Encoding.UTF8.GetBytes(text));

    public byte[] ToBytes()
    {
        if (Payload.Length > MaxPayloadLength)
        {
            throw new ArgumentOutOfRangeException(nameof(Payload), $"A hub link frame carries at most {MaxPayloadLength} bytes; this one has {Payload.Length}.");
        }

        var bytes = new byte[HeaderLength + Payload.Length];
        bytes[0] = (byte)Kind;
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(1), (ushort)Payload.Length);
        Payload.CopyTo(bytes.AsSpan(HeaderLength));
        return bytes;
    }

    /// <summary>Reads the next frame; null when the peer closed the stream between frames.</summary>
    /// <exception cref="HubLinkException">The stream ended inside a frame or carried an unknown kind or length.</exception>
    public static async Task<GattFrame?> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var header = new byte[HeaderLength];
        var got = await stream.ReadAtLeastAsync(header, HeaderLength, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (got == 0)
        {
            return null;
        }

        if (got < HeaderLength)
        {
            throw new HubLinkException("The hub link closed in the middle of a frame header.");
        }

        var kind = (GattFrameKind)header[0];
        if (!Enum.IsDefined(kind))
        {
            throw new HubLinkException($"The hub link sent a frame of unknown kind 0x{header[0]:X2}.");
        }

        var length = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(1));
        if (length > MaxPayloadLength)
        {
            throw new HubLinkException($"The hub link sent a frame of {length} bytes; at most {MaxPayloadLength} are allowed.");
        }

        var payload = new byte[length];
        if (await stream.ReadAtLeastAsync(payload, length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false) < length)
        {
            throw new HubLinkException("The hub link closed in the middle of a frame.");
        }

        return new GattFrame(kind, payload);
    }
}
