using CrazyTrain.Simulation.Signs;
using CrazyTrain.Twin.Track;

namespace CrazyTrain.Twin.Tests.Track;

public sealed class LinesideTests
{
    private static readonly TrackLoop Oval = TrackLoop.Parse("8L 4S 8L 4S");

    [Theory]
    [InlineData(-1.0)]
    [InlineData(400.0)]
    [InlineData(double.NaN)]
    public void A_sign_beyond_the_loop_is_off_the_track(double positionCm)
    {
        var error = Assert.Throws<TrackLoopException>(() => new Lineside(Oval, [new LinesideSign(SignKind.Stop, positionCm)]));

        Assert.Contains("stop sign", error.Message);
        Assert.Contains("off the track", error.Message);
    }

    [Theory]
    [InlineData(2.0)]
    [InlineData(45.0)]
    public void A_sign_standing_on_the_sleepers_or_far_away_is_not_beside_the_track(double offsetCm)
    {
        var error = Assert.Throws<TrackLoopException>(() => new Lineside(Oval, [new LinesideSign(SignKind.NoEntry, 50, OffsetCm: offsetCm)]));

        Assert.Contains("no_entry sign", error.Message);
    }

    [Fact]
    public void The_next_sign_ahead_wraps_around_the_loop_and_a_reached_sign_is_behind()
    {
        var lineside = new Lineside(Oval, [new LinesideSign(SignKind.Stop, 140), new LinesideSign(SignKind.Danger, 20)]);

        Assert.Equal((SignKind.Stop, 40.0), Pick(lineside.NextAhead(100)));
        Assert.Equal((SignKind.Danger, Math.Round(Oval.LengthCm - 140 + 20, 6)), Pick(lineside.NextAhead(140)));
        Assert.Equal((SignKind.Danger, 20.0), Pick(lineside.NextAhead(Oval.LengthCm * 3)));
        Assert.Null(new Lineside(Oval, []).NextAhead(0));
    }

    [Fact]
    public void A_sign_stands_on_its_side_of_the_track_at_its_offset()
    {
        var lineside = new Lineside(Oval, [new LinesideSign(SignKind.Stop, 0, TrackSide.Right, 7), new LinesideSign(SignKind.Stop, 0, TrackSide.Left, 9)]);

        var right = lineside.PoseOf(lineside.Signs[0]);
        var left = lineside.PoseOf(lineside.Signs[1]);
        Assert.Equal(-7.0, right.YCm, 9);
        Assert.Equal(9.0, left.YCm, 9);
    }

    private static (SignKind, double) Pick((LinesideSign Sign, double DistanceCm)? next) =>
        (next!.Value.Sign.Kind, Math.Round(next.Value.DistanceCm, 6));
}
