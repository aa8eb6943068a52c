using CrazyTrain.Twin.Train;

namespace CrazyTrain.Twin.Tests.Train;

public sealed class TrainPhysicsTests
{
    private static readonly MotorModel Motor = new();

    private static TrainMotion Run(TrainMotion from, sbyte power, double seconds, int steps = 1)
    {
        for (var i = 0; i < steps; i++)
        {
            from = TrainPhysics.Step(from, power, TimeSpan.FromSeconds(seconds / steps), Motor);
        }

        return from;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(15)]
    public void Inside_the_dead_band_a_standing_train_stays_put(int power)
    {
        var after = Run(new TrainMotion(0, 0), (sbyte)power, 5);

        Assert.Equal(new TrainMotion(0, 0), after);
    }

    [Fact]
    public void Speed_rises_with_power_and_settles_at_the_steady_speed()
    {
        var slow = Run(new TrainMotion(0, 0), 30, 10);
        var cruise = Run(new TrainMotion(0, 0), 60, 10);
        var full = Run(new TrainMotion(0, 0), 100, 10);

        Assert.True(slow.SpeedCmPerS > 0);
        Assert.True(cruise.SpeedCmPerS > slow.SpeedCmPerS);
        Assert.True(full.SpeedCmPerS > cruise.SpeedCmPerS);
        Assert.Equal(Motor.TopSpeedCmPerS, full.SpeedCmPerS, 3);
        Assert.Equal(Motor.SteadySpeed(60), cruise.SpeedCmPerS, 3);
    }

    [Fact]
    public void Inertia_the_train_needs_time_to_reach_its_speed()
    {
        var afterOneTimeConstant = Run(new TrainMotion(0, 0), 60, Motor.DriveTimeConstantS);

        Assert.Equal(Motor.SteadySpeed(60) * (1 - Math.Exp(-1)), afterOneTimeConstant.SpeedCmPerS, 6);
    }

    [Fact]
    public void Braking_stops_in_a_few_centimetres_coasting_runs_on_much_farther()
    {
        var cruising = new TrainMotion(100, Motor.SteadySpeed(60));

        var braked = Run(cruising, MotorPowerValues.Brake, 5);
        var coasted = Run(cruising, MotorPowerValues.Float, 5);

        Assert.True(braked.AtStandstill);
        Assert.True(coasted.AtStandstill);
        Assert.InRange(braked.OdometerCm - 100, 0.5, 3.0);
        Assert.True(coasted.OdometerCm - braked.OdometerCm > 5.0, $"coasted {coasted.OdometerCm - 100:F1} cm, braked {braked.OdometerCm - 100:F1} cm");
    }

    [Theory]
    [InlineData(MotorPowerValues.Brake)]
    [InlineData(MotorPowerValues.Float)]
    [InlineData(8)]
    public void Stopping_never_turns_into_running_backwards(sbyte power)
    {
        var after = Run(new TrainMotion(0, 20), power, 30, steps: 300);

        Assert.True(after.AtStandstill);
        Assert.True(after.OdometerCm > 0);
    }

    [Theory]
    [InlineData(60, 20.0)]
    [InlineData(MotorPowerValues.Float, 30.0)]
    [InlineData(MotorPowerValues.Brake, 30.0)]
    [InlineData(-50, 10.0)]
    public void Where_the_train_ends_up_does_not_depend_on_the_step_size(sbyte power, double startSpeed)
    {
        var start = new TrainMotion(0, startSpeed);

        var oneStep = Run(start, power, 2);
        var manySteps = Run(start, power, 2, steps: 97);

        // 2 s / 97 is not a whole number of TimeSpan ticks: the steps lose up to 5 microseconds in all.
        Assert.Equal(oneStep.OdometerCm, manySteps.OdometerCm, 3);
        Assert.Equal(oneStep.SpeedCmPerS, manySteps.SpeedCmPerS, 3);
    }

    [Fact]
    public void Negative_power_runs_the_train_in_reverse()
    {
        var after = Run(new TrainMotion(0, 0), -60, 10);

        Assert.Equal(-Motor.SteadySpeed(60), after.SpeedCmPerS, 3);
        Assert.True(after.OdometerCm < 0);
    }
}
