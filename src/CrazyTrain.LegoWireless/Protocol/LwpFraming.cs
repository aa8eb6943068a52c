namespace CrazyTrain.LegoWireless.Protocol;

/// <summary>
/// The common header (spec 3.1, 3.2): <c>[length][hub id][message type]</c>, where the length counts the whole
/// message including itself and takes a second byte (bit 7 of the first set) above 127.
/// </summary>
public static class LwpFraming
{
    /// <summary>Largest length the two-byte encoding can carry (7 + 8 bits).</summary>
    public const int MaxMessageLength = 0x7F | (0xFF << 7);

    /// <summary>Hub id 0: the spec reserves other values for hub-to-hub networks.</summary>
    public const byte DefaultHubId = 0x00;

    /// <summary>Builds a complete message from its type and body (everything after the message type byte).</summary>
    public static byte[] Frame(byte messageType, ReadOnlySpan<byte> body, byte hubId = DefaultHubId)
    {
        var shortLength = 3 + body.Length;
        var length = shortLength <= 127 ? shortLength : shortLength + 1;
        if (length > MaxMessageLength)
        {
            throw new ArgumentOutOfRangeException(nameof(body), $"An LWP3 message holds at most {MaxMessageLength} bytes; this one needs {length}.");
        }

        var message = new byte[length];
        var offset = 0;
        if (length <= 127)
        {
            message[offset++] = (byte)length;
        }
        else
        {
            message[offset++] = (byte)(0x80 | (length & 0x7F));
            message[offset++] = (byte)(length >> 7);
        }

        message[offset++] = hubId;
        message[offset++] = messageType;
        body.CopyTo(message.AsSpan(offset));
        return message;
    }

    /// <summary>
    /// Reads the header of the message at the start of <paramref name="buffer"/>: its total length, where its
    /// hub id byte starts and its type. False when the buffer holds less than a header or a declared length
    /// that cannot be a message (shorter than its own header).
    /// </summary>
    public static bool TryReadHeader(ReadOnlySpan<byte> buffer, out int length, out int headerLength, out byte messageType)
    {
        length = 0;
        headerLength = 0;
        messageType = 0;
        if (buffer.Length < 1)
        {
            return false;
        }

        int lengthBytes;
        if ((buffer[0] & 0x80) == 0)
        {
            length = buffer[0];
            lengthBytes = 1;
        }
        else
        {
            if (buffer.Length < 2)
            {
                return false;
            }

            length = (buffer[0] & 0x7F) | (buffer[1] << 7);
            lengthBytes = 2;
        }

        headerLength = lengthBytes + 2;
        if (length < headerLength || buffer.Length < headerLength)
        {
            return false;
        }

        messageType = buffer[lengthBytes + 1];
        return true;
    }

    /// <summary>
    /// Splits one notification into messages. A GATT notification normally carries one message, but nothing in
    /// the spec forbids several; a malformed or truncated tail is reported, never guessed at.
    /// </summary>
    public static IReadOnlyList<byte[]> Split(ReadOnlySpan<byte> notification)
    {
        var messages = new List<byte[]>(1);
        while (!notification.IsEmpty)
        {
            if (!TryReadHeader(notification, out var length, out _, out _))
            {
                throw new LwpFormatException($"Malformed LWP3 header in {Convert.ToHexString(notification)}.");
            }

            if (length > notification.Length)
            {
                throw new LwpFormatException($"LWP3 message declares {length} bytes but only {notification.Length} arrived: {Convert.ToHexString(notification)}.");
            }

            messages.Add(notification[..length].ToArray());
            notification = notification[length..];
        }

        return messages;
    }
}
