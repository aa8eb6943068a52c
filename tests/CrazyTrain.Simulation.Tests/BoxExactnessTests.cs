using CrazyTrain.Simulation.Geometry;
using CrazyTrain.Simulation.Rendering;
using CrazyTrain.Simulation.Scenes;
using CrazyTrain.Simulation.Signs;
using OpenCvSharp;

namespace CrazyTrain.Simulation.Tests;

public class BoxExactnessTests
{
    // One output pixel: the antialiased rim of a plate may or may not pass the foreground threshold.
    private const double Tolerance = 1.0;

    [Theory]
    [InlineData(SignKind.Stop, 0.3, 0.0, 0.0)]
    [InlineData(SignKind.SpeedLimit30, 0.15, 0.02, 0.0)]
    [InlineData(SignKind.Danger, 0.25, -0.03, 0.0)]
    [InlineData(SignKind.NoEntry, 0.2, 0.0, 0.9)]
    [InlineData(SignKind.SpeedLimit50, 0.35, 0.05, -1.0)]
    [InlineData(SignKind.Danger, 0.12, 0.0, 0.6)]
    [InlineData(SignKind.TrafficLight, 0.2, 0.0, 0.3)]
    [InlineData(SignKind.BusStop, 0.5, -0.1, -0.5)]
    public void Box_hugs_the_visible_face(SignKind kind, double distance, double lateral, double yaw)
    {
        using var renderer = TestScenes.Renderer();
        using var frame = renderer.Render(TestScenes.Plain(TestScenes.Plate(kind, distance, lateral, yaw)));

        var sign = Assert.Single(frame.Signs);
        var extent = TestScenes.ForegroundExtent(frame.Image);
        Assert.NotNull(extent);
        var (x0, y0, x1, y1) = extent.Value;
        Assert.InRange(sign.Box.X, x0 - Tolerance, x0 + Tolerance);
        Assert.InRange(sign.Box.Y, y0 - Tolerance, y0 + Tolerance);
        Assert.InRange(sign.Box.Right, x1 - Tolerance, x1 + Tolerance);
        Assert.InRange(sign.Box.Bottom, y1 - Tolerance, y1 + Tolerance);
        Assert.Equal(1.0, sign.Visibility, 2);
    }

    [Fact]
    public void Turned_sign_has_a_narrower_box_of_the_same_height()
    {
        using var renderer = TestScenes.Renderer();
        using var straight = renderer.Render(TestScenes.Plain(TestScenes.Plate(SignKind.Stop, 0.3)));
        using var turned = renderer.Render(TestScenes.Plain(TestScenes.Plate(SignKind.Stop, 0.3, yaw: Math.PI / 3)));
        var a = Assert.Single(straight.Signs).Box;
        var b = Assert.Single(turned.Signs).Box;
        Assert.InRange(b.Width / a.Width, 0.45, 0.6); // cos 60 degrees, plus a little perspective
        Assert.InRange(b.Height / a.Height, 0.9, 1.1);
    }

    [Fact]
    public void Size_follows_the_pinhole_model()
    {
        using var renderer = TestScenes.Renderer();
        using var frame = renderer.Render(TestScenes.Plain(TestScenes.Plate(SignKind.Stop, 0.32)));
        var box = Assert.Single(frame.Signs).Box;
        // 16 mm plate (diameter 0.98 of it) at 0.32 m with a 60-degree, 640-px camera: f = 554.3 px.
        var expected = 554.256 * 0.016 * 0.98 / (0.32 - 0.0035); // the plate sits 3.5 mm in front of the pole
        Assert.InRange(box.Width, expected - 0.5, expected + 0.5);
    }

    [Fact]
    public void Box_is_clipped_at_the_image_border_and_visibility_counts_the_cut()
    {
        using var renderer = TestScenes.Renderer();
        // Ahead at 0.2 m the image half-width is 0.115 m: a plate at 0.112 m lateral is cut in half.
        using var frame = renderer.Render(TestScenes.Plain(TestScenes.Plate(SignKind.SpeedLimit50, 0.2, 0.1155)));
        var sign = Assert.Single(frame.Signs);
        Assert.Equal(640, sign.Box.Right, 3);
        var extent = TestScenes.ForegroundExtent(frame.Image)!.Value;
        Assert.InRange(sign.Box.X, extent.X0 - Tolerance, extent.X0 + Tolerance);
        Assert.InRange(sign.Visibility, 0.3, 0.7);
    }

    [Fact]
    public void Sign_outside_the_image_or_seen_from_behind_is_not_reported()
    {
        using var renderer = TestScenes.Renderer();
        using var outside = renderer.Render(TestScenes.Plain(TestScenes.Plate(SignKind.Stop, 0.2, 0.3)));
        Assert.Empty(outside.Signs);
        using var behind = renderer.Render(TestScenes.Plain(TestScenes.Plate(SignKind.Stop, 0.3, 0, Math.PI)));
        Assert.Empty(behind.Signs);
        Assert.NotNull(TestScenes.ForegroundExtent(behind.Image)); // its plain back is drawn, just not labelled
    }

    [Fact]
    public void Occluded_sign_reports_partial_visibility_and_a_box_of_what_is_seen()
    {
        using var renderer = TestScenes.Renderer();
        var sign = TestScenes.Plate(SignKind.Stop, 0.4);
        // A tall brick in front, covering the left half of the face.
        var brick = new Prop(new Vec2(-0.006, 0.2), 0.012, 0.01, 0.1, 0, new Scalar(30, 30, 200)) { Studs = false };
        using var clear = renderer.Render(TestScenes.Plain(sign));
        using var hidden = renderer.Render(TestScenes.Plain(sign) with { Props = [brick] });
        var full = Assert.Single(clear.Signs);
        var part = Assert.Single(hidden.Signs);
        Assert.InRange(part.Visibility, 0.2, 0.8);
        Assert.True(part.Box.X > full.Box.X + 3, "the hidden left part must not stay in the box");
        Assert.Equal(full.Box.Right, part.Box.Right, 1);
    }

    [Fact]
    public void Mounted_sign_box_covers_the_plate_not_the_pole()
    {
        using var renderer = TestScenes.Renderer();
        var plate = TestScenes.Plate(SignKind.Danger, 0.3);
        using var frame = renderer.Render(TestScenes.Plain(plate with { Mounted = true }) with
        {
            Table = new TableSpec(TableMaterial.Black, Scalar.All(30), new Vec2(-2, -1), new Vec2(2, 3), 1),
        });
        var sign = Assert.Single(frame.Signs);
        // The face is 16.8 mm wide: height stays near the plate's, far below the ~6 cm of pole and base.
        Assert.InRange(sign.Box.Height, sign.Box.Width * 0.7, sign.Box.Width * 1.1);
    }
}
