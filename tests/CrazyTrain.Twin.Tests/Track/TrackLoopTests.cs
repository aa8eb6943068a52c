using CrazyTrain.Twin.Track;

namespace CrazyTrain.Twin.Tests.Track;

public sealed class TrackLoopTests
{
    [Fact]
    public void A_circle_of_sixteen_curves_closes_with_the_standard_radius()
    {
        var circle = TrackLoop.Parse("16L");

        Assert.Equal(2 * Math.PI * 32.0, circle.LengthCm, 6);
        var half = circle.PoseAt(circle.LengthCm / 2);
        Assert.Equal(0, half.XCm, 6);
        Assert.Equal(64.0, half.YCm, 6);
        Assert.Equal(Math.PI, half.Heading, 6);
    }

    [Fact]
    public void An_oval_with_straights_has_their_lengths_and_runs_back_along_the_far_side()
    {
        var oval = TrackLoop.Parse("8L 4S 8L 4S");

        Assert.Equal((16 * 32.0 * Math.PI / 8) + (8 * 12.8), oval.LengthCm, 6);
        Assert.Equal("8L 4S 8L 4S", oval.Notation);
        var farStraight = oval.PoseAt((8 * 32.0 * Math.PI / 8) + 12.8);
        Assert.Equal(-12.8, farStraight.XCm, 6);
        Assert.Equal(64.0, farStraight.YCm, 6);
        Assert.Equal(Math.PI, farStraight.Heading, 6);
    }

    [Fact]
    public void Distances_wrap_around_the_loop()
    {
        var oval = TrackLoop.Parse("8R2S8R2S");

        Assert.Equal(10.0, oval.Wrap(oval.LengthCm + 10), 9);
        Assert.Equal(oval.LengthCm - 10, oval.Wrap(-10), 9);
        Assert.Equal(oval.PoseAt(5), oval.PoseAt(oval.LengthCm + 5));
    }

    [Theory]
    [InlineData("8L 4S 8L 3S", "does not close")]
    [InlineData("8L 8L 4S", "does not close")]
    [InlineData("12L", "does not close")]
    [InlineData("8L 2X", "'X' is not a piece")]
    [InlineData("  ", "empty")]
    [InlineData("8L 4", "ends with a count")]
    public void A_layout_that_cannot_be_laid_is_a_clear_error(string notation, string reason)
    {
        var error = Assert.Throws<TrackLoopException>(() => TrackLoop.Parse(notation));

        Assert.Contains(reason, error.Message);
    }
}
