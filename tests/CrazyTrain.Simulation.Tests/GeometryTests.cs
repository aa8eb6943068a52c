using CrazyTrain.Simulation.Geometry;
using CrazyTrain.Simulation.Scenes;

namespace CrazyTrain.Simulation.Tests;

public class GeometryTests
{
    [Fact]
    public void Point_straight_ahead_projects_to_the_image_centre()
    {
        var camera = new PinholeCamera(CameraPose.OnTrain(new Vec2(1, 2), Math.PI / 2, 0.05), 640, 480, 60);
        Assert.True(camera.TryProject(new Vec3(1, 3, 0.05), out var u, out var v, out var depth));
        Assert.Equal(320, u, 6);
        Assert.Equal(240, v, 6);
        Assert.Equal(1, depth, 6);
        Assert.Equal(554.256, camera.Focal, 2);
        Assert.False(camera.TryProject(new Vec3(1, 1, 0.05), out _, out _, out _));
    }

    [Fact]
    public void Point_to_the_right_and_below_lands_right_and_below()
    {
        var camera = new PinholeCamera(CameraPose.OnTrain(new Vec2(0, 0), Math.PI / 2, 0.05), 640, 480, 60);
        Assert.True(camera.TryProject(new Vec3(0.1, 1, 0), out var u, out var v, out _));
        Assert.Equal(320 + 55.4256, u, 3);
        Assert.Equal(240 + 27.7128, v, 3);
    }

    [Fact]
    public void Table_homography_agrees_with_point_projection()
    {
        var camera = new PinholeCamera(new CameraPose(new Vec3(0.3, -0.2, 0.06), 1.2, -0.05, 0.02), 640, 480, 60);
        var h = camera.TablePlaneHomography();
        foreach (var p in new[] { new Vec2(0.4, 0.3), new Vec2(0.1, 0.8), new Vec2(0.5, 0.1) })
        {
            Assert.True(camera.TryProject(new Vec3(p.X, p.Y, 0), out var u, out var v, out _));
            var w = h[6] * p.X + h[7] * p.Y + h[8];
            Assert.Equal(u, (h[0] * p.X + h[1] * p.Y + h[2]) / w, 6);
            Assert.Equal(v, (h[3] * p.X + h[4] * p.Y + h[5]) / w, 6);
        }
    }

    [Fact]
    public void Quarter_curve_ends_where_a_circle_says()
    {
        var track = new TrackLayout(new Vec2(0, 0), Math.PI / 2, [TrackSegment.Curve(0.32, Math.PI / 2), TrackSegment.Straight(0.1)]);
        var (end, heading) = track.PoseAt(0.32 * Math.PI / 2);
        Assert.Equal(-0.32, end.X, 6);
        Assert.Equal(0.32, end.Y, 6);
        Assert.Equal(Math.PI, heading, 6);
        var (beyond, _) = track.PoseAt(track.Length);
        Assert.Equal(-0.42, beyond.X, 6);
        Assert.Equal(0.32 * Math.PI / 2 + 0.1, track.Length, 9);
    }

    [Fact]
    public void Deterministic_random_repeats_for_a_seed()
    {
        var a = new DeterministicRandom(99);
        var b = new DeterministicRandom(99);
        for (var i = 0; i < 100; i++) Assert.Equal(a.NextUInt64(), b.NextUInt64());
        Assert.NotEqual(DeterministicRandom.DeriveSeed(1, 0), DeterministicRandom.DeriveSeed(1, 1));
    }
}
