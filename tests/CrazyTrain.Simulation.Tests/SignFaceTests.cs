using CrazyTrain.Simulation.Signs;
using OpenCvSharp;

namespace CrazyTrain.Simulation.Tests;

public class SignFaceTests
{
    [Theory]
    [InlineData(SignKind.Stop, 2)]            // red
    [InlineData(SignKind.NoEntry, 2)]
    [InlineData(SignKind.Danger, 1)]          // yellow: green and red high, blue low
    [InlineData(SignKind.Parking, 0)]         // blue
    public void Faces_are_printed_in_lego_colours(SignKind kind, int dominantChannel)
    {
        var face = SignFaces.Get(kind);
        var level = face.Levels[2];
        // Sample a ring just inside the rim: the plate's main colour lives there.
        var c = level.Get<Vec4b>((int)(level.Rows * 0.5), (int)(level.Cols * 0.15));
        if (kind == SignKind.Danger) c = level.Get<Vec4b>((int)(level.Rows * 0.76), (int)(level.Cols * 0.36));
        Assert.Equal(255, c.Item3);
        int[] bgr = [c.Item0, c.Item1, c.Item2];
        if (kind == SignKind.Danger)
        {
            Assert.True(bgr[1] > 150 && bgr[2] > 200 && bgr[0] < 100, $"not yellow: {string.Join(",", bgr)}");
        }
        else
        {
            Assert.Equal(dominantChannel, Array.IndexOf(bgr, bgr.Max()));
        }
    }

    [Fact]
    public void Alpha_follows_the_outline()
    {
        foreach (var kind in SignKinds.All)
        {
            var face = SignFaces.Get(kind);
            var level = face.Levels[1];
            Assert.Equal(255, level.Get<Vec4b>(level.Rows / 2, level.Cols / 2).Item3);
            Assert.Equal(0, level.Get<Vec4b>(0, 0).Item3);
            Assert.All(face.Outline, p =>
            {
                Assert.InRange(p.X, 0, 1);
                Assert.InRange(p.Y, 0, 1);
            });
        }
    }

    [Fact]
    public void Mip_levels_halve_and_the_right_one_is_chosen()
    {
        var face = SignFaces.Get(SignKind.SpeedLimit30);
        for (var i = 1; i < face.Levels.Count; i++) Assert.Equal(face.Levels[i - 1].Cols / 2, face.Levels[i].Cols);
        Assert.Same(face.Levels[0], face.LevelFor(400));
        Assert.True(face.LevelFor(20).Cols >= 20);
        Assert.True(face.LevelFor(20).Cols < 80);
    }
}

public class PrintVariantTests
{
    [Fact]
    public void Print_variants_share_the_outline_but_differ_in_print()
    {
        var a = SignFaces.Get(SignKind.SpeedLimit30, printVariant: 0);
        var b = SignFaces.Get(SignKind.SpeedLimit30, printVariant: 1);
        Assert.Equal(a.Outline, b.Outline);
        using var diff = new Mat();
        Cv2.Absdiff(a.Levels[1], b.Levels[1], diff);
        Assert.True(Cv2.Mean(diff).Val0 > 1, "the two prints should not be identical");
        Assert.Same(a, SignFaces.Get(SignKind.SpeedLimit30, printVariant: 0));
    }
}
