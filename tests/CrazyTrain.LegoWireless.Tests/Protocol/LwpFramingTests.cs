using CrazyTrain.LegoWireless.Protocol;

namespace CrazyTrain.LegoWireless.Tests.Protocol;

public class LwpFramingTests
{
    // Spec 3.2, "Message Length Encoding": LSB 1000 0000 / MSB 0000 0001 = 128, and so on.
    [Theory]
    [InlineData(129, 0x81, 0x01)]
    [InlineData(130, 0x82, 0x01)]
    [InlineData(300, 0xAC, 0x02)]
    public void Lengths_above_127_take_two_bytes_as_the_spec_tabulates(int length, byte lsb, byte msb)
    {
        // Body size such that the whole message, including its two-byte length, is `length` long.
        var message = LwpFraming.Frame(0x7E, new byte[length - 4]);

        Assert.Equal(length, message.Length);
        Assert.Equal(lsb, message[0]);
        Assert.Equal(msb, message[1]);
        Assert.Equal(0x00, message[2]);
        Assert.Equal(0x7E, message[3]);
    }

    [Fact]
    public void A_127_byte_message_still_uses_one_length_byte()
    {
        var message = LwpFraming.Frame(0x7E, new byte[124]);

        Assert.Equal(127, message.Length);
        Assert.Equal(0x7F, message[0]);
    }

    [Fact]
    public void A_message_that_would_be_128_bytes_with_a_one_byte_length_grows_by_its_second_length_byte()
    {
        var message = LwpFraming.Frame(0x7E, new byte[125]);

        Assert.Equal(129, message.Length);
        Assert.Equal([0x81, 0x01], message[..2]);
    }

    [Fact]
    public void Reads_the_header_of_a_two_byte_length_message()
    {
        Assert.True(LwpFraming.TryReadHeader([0x80, 0x01, 0x00, 0x7E], out var length, out var headerLength, out var type));

        Assert.Equal(128, length);
        Assert.Equal(4, headerLength);
        Assert.Equal(0x7E, type);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x80 })]
    [InlineData(new byte[] { 0x02, 0x00, 0x01 })]
    [InlineData(new byte[] { 0x05, 0x00 })]
    public void Rejects_buffers_that_hold_no_header(byte[] buffer) =>
        Assert.False(LwpFraming.TryReadHeader(buffer, out _, out _, out _));

    [Fact]
    public void Splits_a_notification_that_carries_two_messages()
    {
        byte[] notification = [0x05, 0x00, 0x82, 0x00, 0x0A, 0x06, 0x00, 0x01, 0x06, 0x06, 0x64];

        var messages = LwpFraming.Split(notification);

        Assert.Equal(2, messages.Count);
        Assert.Equal([0x05, 0x00, 0x82, 0x00, 0x0A], messages[0]);
        Assert.Equal([0x06, 0x00, 0x01, 0x06, 0x06, 0x64], messages[1]);
    }

    [Fact]
    public void A_truncated_message_is_an_error_not_a_guess()
    {
        var error = Assert.Throws<LwpFormatException>(() => LwpFraming.Split([0x08, 0x00, 0x81, 0x00]));

        Assert.Contains("declares 8 bytes", error.Message);
    }
}
