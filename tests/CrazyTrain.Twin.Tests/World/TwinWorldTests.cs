using CrazyTrain.Simulation.Signs;
using CrazyTrain.Twin.Track;
using CrazyTrain.Twin.Train;
using CrazyTrain.Twin.World;

namespace CrazyTrain.Twin.Tests.World;

public sealed class TwinWorldTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 18, 0, 0, TimeSpan.Zero);

    private static TwinWorld NewWorld(double startCm = 0) => new(
        new Lineside(TrackLoop.Parse("8L 4S 8L 4S"), [new LinesideSign(SignKind.Stop, 140), new LinesideSign(SignKind.Danger, 250)]),
        new MotorModel(),
        startCm);

    private static void Drive(TwinWorld world, sbyte power, double seconds)
    {
        for (var i = 0; i < seconds * 50; i++)
        {
            world.Advance(TimeSpan.FromMilliseconds(20), power, hubConnected: true, Now);
        }
    }

    [Fact]
    public void A_train_that_brakes_before_the_stop_sign_says_how_far_before_it_stood()
    {
        var world = NewWorld(startCm: 60);

        Drive(world, 60, 2);
        Drive(world, MotorPowerValues.Brake, 1);

        var snapshot = world.Snapshot();
        Assert.Equal(0, snapshot.SpeedCmPerS);
        Assert.Equal(SignKind.Stop, snapshot.NextSign!.Kind);
        Assert.Equal(140 - snapshot.PositionCm, snapshot.NextSignDistanceCm!.Value, 6);
        var stopped = Assert.Single(snapshot.Events, e => e.Kind == "stopped");
        Assert.Contains($"{snapshot.NextSignDistanceCm:F1} cm before the stop sign", stopped.Message);
        Assert.Contains(snapshot.Events, e => e.Kind == "motor" && e.Message == "motor brakes");
    }

    [Fact]
    public void Passing_signs_and_the_start_are_counted_around_the_loop()
    {
        var world = NewWorld();

        Drive(world, 100, 10);

        var snapshot = world.Snapshot();
        Assert.True(snapshot.OdometerCm > 303.5);
        Assert.Equal((int)Math.Floor(snapshot.OdometerCm / world.Layout.LengthCm), snapshot.Lap);
        Assert.True(snapshot.Lap >= 1);
        var passed = snapshot.Events.Where(e => e.Kind == "passed-sign").Select(e => e.PositionCm).ToList();
        Assert.Equal([140.0, 250.0, 140.0], passed.Take(3));
    }

    [Fact]
    public void The_hub_losing_its_central_is_an_event()
    {
        var world = NewWorld();

        world.Advance(TimeSpan.FromMilliseconds(20), 40, hubConnected: true, Now);
        world.Advance(TimeSpan.FromMilliseconds(20), 0, hubConnected: false, Now);

        Assert.Equal(["hub-connected", "motor", "hub-disconnected", "motor"], world.Snapshot().Events.Select(e => e.Kind));
        Assert.False(world.Snapshot().HubConnected);
    }
}
