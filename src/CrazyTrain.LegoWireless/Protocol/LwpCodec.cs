using System.Buffers.Binary;

namespace CrazyTrain.LegoWireless.Protocol;

/// <summary>Encodes <see cref="HubMessage"/>s to LWP3 bytes and decodes them back, rejecting malformed input.</summary>
public static class LwpCodec
{
    public static byte[] Encode(HubMessage message)
    {
        var body = new List<byte>(8);
        message.WriteBody(body);
        return LwpFraming.Frame(message.TypeCode, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(body));
    }

    /// <summary>Decodes exactly one message; the declared length must match the bytes given.</summary>
    /// <exception cref="LwpFormatException">The bytes are not a well-formed message of the type they claim.</exception>
    public static HubMessage Decode(ReadOnlySpan<byte> message)
    {
        if (!LwpFraming.TryReadHeader(message, out var length, out var headerLength, out var type))
        {
            throw new LwpFormatException($"Not an LWP3 message: {Convert.ToHexString(message)}.");
        }

        if (length != message.Length)
        {
            throw new LwpFormatException($"LWP3 message declares {length} bytes but has {message.Length}: {Convert.ToHexString(message)}.");
        }

        var body = message[headerLength..];
        return (MessageType)type switch
        {
            MessageType.HubProperties => DecodeProperty(body, message),
            MessageType.HubActions => new HubActionMessage((HubActionType)Require(body, 1, message)[0]),
            MessageType.HubAlerts => DecodeAlert(body, message),
            MessageType.HubAttachedIo => DecodeAttachedIo(body, message),
            MessageType.GenericError => new GenericErrorMessage(Require(body, 2, message)[0], (ErrorCode)body[1]),
            MessageType.PortOutputCommand => DecodePortOutput(body, message),
            MessageType.PortOutputCommandFeedback => DecodeFeedback(body, message),
            _ => new UnknownMessage(type, body.ToArray()),
        };
    }

    private static HubPropertyMessage DecodeProperty(ReadOnlySpan<byte> body, ReadOnlySpan<byte> message)
    {
        Require(body, 2, message);
        var property = (HubProperty)body[0];
        var operation = (HubPropertyOperation)body[1];
        var payload = body[2..].ToArray();
        if (operation == HubPropertyOperation.Update
            && property is HubProperty.BatteryVoltage or HubProperty.Rssi or HubProperty.Button
            && payload.Length < 1)
        {
            throw new LwpFormatException($"{property} update without a value: {Convert.ToHexString(message)}.");
        }

        return new HubPropertyMessage(property, operation, payload);
    }

    private static HubAlertMessage DecodeAlert(ReadOnlySpan<byte> body, ReadOnlySpan<byte> message)
    {
        Require(body, 2, message);
        var operation = (HubAlertOperation)body[1];
        if (operation != HubAlertOperation.Update)
        {
            return new HubAlertMessage((HubAlertType)body[0], operation);
        }

        Require(body, 3, message);
        return new HubAlertMessage((HubAlertType)body[0], operation, body[2] != 0x00);
    }

    private static HubAttachedIoMessage DecodeAttachedIo(ReadOnlySpan<byte> body, ReadOnlySpan<byte> message)
    {
        Require(body, 2, message);
        var port = body[0];
        var ioEvent = (AttachedIoEvent)body[1];
        switch (ioEvent)
        {
            case AttachedIoEvent.Detached:
                return HubAttachedIoMessage.Detached(port);
            case AttachedIoEvent.Attached:
                Require(body, 12, message);
                return new HubAttachedIoMessage(
                    port,
                    ioEvent,
                    (IoType)BinaryPrimitives.ReadUInt16LittleEndian(body[2..]),
                    BinaryPrimitives.ReadInt32LittleEndian(body[4..]),
                    BinaryPrimitives.ReadInt32LittleEndian(body[8..]));
            case AttachedIoEvent.AttachedVirtual:
                Require(body, 6, message);
                return new HubAttachedIoMessage(
                    port,
                    ioEvent,
                    (IoType)BinaryPrimitives.ReadUInt16LittleEndian(body[2..]),
                    PortA: body[4],
                    PortB: body[5]);
            default:
                throw new LwpFormatException($"Unknown attached I/O event 0x{body[1]:X2}: {Convert.ToHexString(message)}.");
        }
    }

    private static PortOutputCommandMessage DecodePortOutput(ReadOnlySpan<byte> body, ReadOnlySpan<byte> message)
    {
        Require(body, 3, message);
        var startup = body[1];
        return new PortOutputCommandMessage(
            body[0],
            ExecuteImmediately: (startup & 0xF0) == 0x10,
            RequestFeedback: (startup & 0x0F) == 0x01,
            (PortOutputSubCommand)body[2],
            body[3..].ToArray());
    }

    private static PortOutputFeedbackMessage DecodeFeedback(ReadOnlySpan<byte> body, ReadOnlySpan<byte> message)
    {
        if (body.Length < 2 || body.Length % 2 != 0)
        {
            throw new LwpFormatException($"Feedback needs (port, bits) pairs: {Convert.ToHexString(message)}.");
        }

        var entries = new PortFeedbackEntry[body.Length / 2];
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = new PortFeedbackEntry(body[2 * i], (PortFeedback)body[(2 * i) + 1]);
        }

        return new PortOutputFeedbackMessage(entries);
    }

    private static ReadOnlySpan<byte> Require(ReadOnlySpan<byte> body, int minimum, ReadOnlySpan<byte> message) =>
        body.Length >= minimum
            ? body
            : throw new LwpFormatException($"LWP3 message type 0x{message[message[0] >= 0x80 ? 3 : 2]:X2} needs at least {minimum} body bytes: {Convert.ToHexString(message)}.");
}
