using CrazyTrain.LegoWireless.Protocol;

namespace CrazyTrain.LegoWireless.Tests.Protocol;

/// <summary>Byte vectors built from the LWP 3.0.00 specification's tables (sections 3.5-3.9, 3.26-3.32).</summary>
public class LwpCodecTests
{
    private static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty));

    [Theory]
    [InlineData(HubProperty.BatteryVoltage, "05 00 01 06 05")]
    [InlineData(HubProperty.Rssi, "05 00 01 05 05")]
    [InlineData(HubProperty.AdvertisingName, "05 00 01 01 05")]
    public void Encodes_property_requests(HubProperty property, string expected) =>
        Assert.Equal(Hex(expected), HubPropertyMessage.Request(property).ToBytes());

    [Fact]
    public void Encodes_enable_and_disable_updates() =>
        Assert.Equal(
            [Hex("05 00 01 06 02"), Hex("05 00 01 05 03")],
            [HubPropertyMessage.EnableUpdates(HubProperty.BatteryVoltage).ToBytes(), HubPropertyMessage.DisableUpdates(HubProperty.Rssi).ToBytes()]);

    [Fact]
    public void Decodes_a_battery_update_in_percent()
    {
        var message = Assert.IsType<HubPropertyMessage>(LwpCodec.Decode(Hex("06 00 01 06 06 64")));

        Assert.Equal(HubPropertyOperation.Update, message.Operation);
        Assert.Equal(100, message.BatteryPercent);
    }

    [Fact]
    public void Decodes_rssi_as_a_signed_byte() =>
        Assert.Equal(-60, ((HubPropertyMessage)LwpCodec.Decode(Hex("06 00 01 05 06 C4"))).Rssi);

    [Fact]
    public void Decodes_the_advertising_name()
    {
        var message = (HubPropertyMessage)LwpCodec.Decode(Hex("0D 00 01 01 06 48 55 42 20 4E 4F 2E 34"));

        Assert.Equal("HUB NO.4", message.Name);
    }

    [Fact]
    public void Decodes_a_button_update() =>
        Assert.True(((HubPropertyMessage)LwpCodec.Decode(Hex("06 00 01 02 06 01"))).ButtonPressed);

    [Fact]
    public void Encodes_setting_the_name_and_refuses_names_longer_than_14_characters()
    {
        Assert.Equal(Hex("0A 00 01 01 01 54 52 41 49 4E"), HubPropertyMessage.SetName("TRAIN").ToBytes());
        Assert.Throws<ArgumentOutOfRangeException>(() => HubPropertyMessage.SetName("FIFTEEN CHARS!!"));
    }

    [Theory]
    [InlineData(HubActionType.SwitchOff, "04 00 02 01")]
    [InlineData(HubActionType.Disconnect, "04 00 02 02")]
    [InlineData(HubActionType.HubWillSwitchOff, "04 00 02 30")]
    [InlineData(HubActionType.HubWillDisconnect, "04 00 02 31")]
    public void Hub_actions_round_trip(HubActionType action, string bytes)
    {
        Assert.Equal(Hex(bytes), new HubActionMessage(action).ToBytes());
        Assert.Equal(new HubActionMessage(action), LwpCodec.Decode(Hex(bytes)));
    }

    [Fact]
    public void Encodes_enabling_the_low_voltage_alert() =>
        Assert.Equal(Hex("05 00 03 01 01"), new HubAlertMessage(HubAlertType.LowVoltage, HubAlertOperation.EnableUpdates).ToBytes());

    [Theory]
    [InlineData("06 00 03 01 04 FF", true)]
    [InlineData("06 00 03 01 04 00", false)]
    public void Decodes_alert_updates(string bytes, bool alerting)
    {
        var alert = Assert.IsType<HubAlertMessage>(LwpCodec.Decode(Hex(bytes)));

        Assert.Equal(HubAlertType.LowVoltage, alert.Alert);
        Assert.Equal(alerting, alert.Alerting);
    }

    [Fact]
    public void Decodes_an_attached_train_motor_with_its_revisions()
    {
        var io = Assert.IsType<HubAttachedIoMessage>(LwpCodec.Decode(Hex("0F 00 04 00 01 02 00 00 00 00 10 00 00 00 10")));

        Assert.Equal(CityHubPorts.A, io.Port);
        Assert.Equal(AttachedIoEvent.Attached, io.Event);
        Assert.Equal(IoType.TrainMotor, io.IoType);
        Assert.Equal(0x1000_0000, io.HardwareRevision);
        Assert.Equal(0x1000_0000, io.SoftwareRevision);
    }

    [Fact]
    public void Attached_io_round_trips_for_all_three_events()
    {
        HubMessage[] messages =
        [
            HubAttachedIoMessage.Attached(CityHubPorts.B, IoType.LedLight, 0x0000_1000, 0x0000_0002),
            HubAttachedIoMessage.Detached(CityHubPorts.B),
            new HubAttachedIoMessage(0x10, AttachedIoEvent.AttachedVirtual, IoType.Motor, PortA: 0x00, PortB: 0x01),
        ];

        Assert.Equal(Hex("05 00 04 01 00"), messages[1].ToBytes());
        Assert.Equal(Hex("09 00 04 10 02 01 00 00 01"), messages[2].ToBytes());
        Assert.All(messages, m => Assert.Equal(m, LwpCodec.Decode(m.ToBytes())));
    }

    [Fact]
    public void Decodes_a_generic_error()
    {
        var error = Assert.IsType<GenericErrorMessage>(LwpCodec.Decode(Hex("05 00 05 81 06")));

        Assert.Equal((byte)MessageType.PortOutputCommand, error.CommandType);
        Assert.Equal(ErrorCode.InvalidUse, error.Code);
    }

    [Theory]
    [InlineData(50, "08 00 81 00 11 51 00 32")]
    [InlineData(-50, "08 00 81 00 11 51 00 CE")]
    [InlineData(0, "08 00 81 00 11 51 00 00")]
    [InlineData(127, "08 00 81 00 11 51 00 7F")]
    public void Train_motor_power_is_write_direct_mode_data_mode_0(int power, string expected) =>
        Assert.Equal(Hex(expected), PortOutputCommandMessage.StartPower(CityHubPorts.A, (sbyte)power).ToBytes());

    [Fact]
    public void Without_feedback_the_completion_nibble_is_zero() =>
        Assert.Equal(Hex("08 00 81 00 10 51 00 32"), PortOutputCommandMessage.StartPower(CityHubPorts.A, 50, requestFeedback: false).ToBytes());

    [Fact]
    public void Light_brightness_goes_to_port_b_in_percent()
    {
        Assert.Equal(Hex("08 00 81 01 11 51 00 64"), PortOutputCommandMessage.SetBrightness(CityHubPorts.B, 100).ToBytes());
        Assert.Throws<ArgumentOutOfRangeException>(() => PortOutputCommandMessage.SetBrightness(CityHubPorts.B, 101));
    }

    [Fact]
    public void Decodes_a_port_output_command_back_to_its_parts()
    {
        var command = Assert.IsType<PortOutputCommandMessage>(LwpCodec.Decode(Hex("08 00 81 00 11 51 00 CE")));

        Assert.True(command.ExecuteImmediately);
        Assert.True(command.RequestFeedback);
        Assert.Equal(PortOutputSubCommand.WriteDirectModeData, command.SubCommand);
        Assert.Equal((byte)0, command.Mode);
        Assert.Equal(-50, (sbyte)command.FirstDataByte!.Value);
    }

    [Fact]
    public void Decodes_feedback_for_one_and_for_two_ports()
    {
        var one = Assert.IsType<PortOutputFeedbackMessage>(LwpCodec.Decode(Hex("05 00 82 00 0A")));
        var two = Assert.IsType<PortOutputFeedbackMessage>(LwpCodec.Decode(Hex("07 00 82 00 0A 01 04")));

        Assert.Equal([new PortFeedbackEntry(CityHubPorts.A, PortFeedback.Completed | PortFeedback.Idle)], one.Entries);
        Assert.Equal(new PortFeedbackEntry(CityHubPorts.B, PortFeedback.Discarded), two.Entries[1]);
    }

    [Fact]
    public void A_long_message_round_trips_with_its_two_byte_length()
    {
        var body = Enumerable.Range(0, 200).Select(i => (byte)i).ToArray();
        var bytes = new UnknownMessage(0x44, body).ToBytes();

        Assert.Equal(204, bytes.Length);
        Assert.Equal([0xCC, 0x01], bytes[..2]);
        var decoded = Assert.IsType<UnknownMessage>(LwpCodec.Decode(bytes));
        Assert.Equal(body, decoded.Body);
    }

    [Theory]
    [InlineData("")]
    [InlineData("06 00 01 06 06")]
    [InlineData("05 00 01 06 06")]
    [InlineData("06 00 82 00 0A 01")]
    [InlineData("08 00 04 00 01 02 00 00")]
    [InlineData("05 00 04 00 07")]
    [InlineData("04 00 05 81")]
    [InlineData("05 00 81 00 11")]
    public void Malformed_messages_are_rejected_with_a_format_error(string hex) =>
        Assert.Throws<LwpFormatException>(() => LwpCodec.Decode(Hex(hex)));
}
