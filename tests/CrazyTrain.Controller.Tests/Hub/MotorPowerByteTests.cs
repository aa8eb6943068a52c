using CrazyTrain.Controller.Driving;
using CrazyTrain.Controller.Hub;

namespace CrazyTrain.Controller.Tests.Hub;

/// <summary>The policy's setpoint in the train's terms becomes LWP3's StartPower byte (spec 3.27) only here.</summary>
public class MotorPowerByteTests
{
    [Fact]
    public void Coast_brake_and_power_become_the_lwp3_power_byte()
    {
        Assert.Equal(0, MotorPowerByte.Encode(MotorSetpoint.Coast));
        Assert.Equal(127, MotorPowerByte.Encode(MotorSetpoint.Brake));
        Assert.Equal(40, MotorPowerByte.Encode(MotorSetpoint.Run(40)));
        Assert.Equal(-100, MotorPowerByte.Encode(MotorSetpoint.Run(-100)));
    }

    [Fact]
    public void A_setpoint_outside_the_motor_range_is_refused_not_sent_as_a_brake()
    {
        // 127 would be the brake byte: a power that large must never be built, let alone sent.
        Assert.Throws<ArgumentOutOfRangeException>(() => MotorSetpoint.Run(127));
        Assert.Throws<ArgumentOutOfRangeException>(() => MotorSetpoint.Run(-101));
    }
}
