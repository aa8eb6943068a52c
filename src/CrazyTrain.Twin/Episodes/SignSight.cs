using CrazyTrain.Simulation.Geometry;
using CrazyTrain.Simulation.Signs;
using CrazyTrain.Twin.Camera;
using CrazyTrain.Twin.Track;
using CrazyTrain.Twin.World;

namespace CrazyTrain.Twin.Episodes;

/// <summary>
/// How far ahead the train's camera sees a sign at least <see cref="TwinWorld.VisibleWidthPx"/> wide: the sign's printed
/// face (<see cref="SignKinds.FaceSize"/>, its centre 5.6 cm up, turned towards the track as <see cref="TwinScene"/>
/// stands it) projected through the virtual camera (640x480, 60 degrees across, <see cref="CameraOptions.HeightCm"/> up,
/// on the track's centre line looking along it). Pure geometry: no pixels, no occlusion.
/// </summary>
public sealed class SignSight(TrackLoop layout, double cameraHeightCm = 5.2)
{
    /// <summary>Closest distance that matters: nearer than this a sign beside the track leaves the frame at the side.</summary>
    public const double NearestCm = 15;

    /// <summary>Farthest distance looked at: a 1.6 cm face is under 12 px beyond about 75 cm.</summary>
    public const double FarthestCm = 150;

    private const int Width = 640;
    private const int Height = 480;
    private const double FovDegrees = 60;
    private const double FaceCentreM = 0.056;

    /// <summary>Width (px) of the sign's face in the frame with the train's front <paramref name="aheadCm"/> before it; 0 when not wholly in the frame or seen from behind.</summary>
    public double WidthPx(LinesideSign sign, double aheadCm)
    {
        var at = layout.PoseAt(sign.PositionCm - aheadCm);
        var camera = new PinholeCamera(
            CameraPose.OnTrain(new Vec2(at.XCm / 100, at.YCm / 100), at.Heading, cameraHeightCm / 100, pitch: -0.01),
            Width, Height, FovDegrees);
        var stand = new Lineside(layout, []).PoseOf(sign);
        var facing = TwinScene.FacingOf(layout, sign);
        var centre = new Vec3(stand.XCm / 100, stand.YCm / 100, FaceCentreM);
        var toCamera = camera.Position - centre;
        if ((toCamera.X * Math.Cos(facing)) + (toCamera.Y * Math.Sin(facing)) <= 0)
        {
            return 0;
        }

        var half = SignKinds.FaceSize(sign.Kind).Width / 2;
        var across = new Vec3(-Math.Sin(facing) * half, Math.Cos(facing) * half, 0);
        if (!camera.TryProject(centre - across, out var u1, out var v1, out _)
            || !camera.TryProject(centre + across, out var u2, out var v2, out _)
            || !Inside(u1, v1) || !Inside(u2, v2))
        {
            return 0;
        }

        return Math.Abs(u2 - u1);
    }

    /// <summary>
    /// The sign's sight distance: the largest distance (cm, whole) from which it stays at least 12 px wide and in the
    /// frame all the way in to <see cref="NearestCm"/>; 0 when it is not even visible from there.
    /// </summary>
    public double SightCm(LinesideSign sign)
    {
        var sight = 0.0;
        for (var ahead = NearestCm; ahead <= FarthestCm; ahead++)
        {
            if (WidthPx(sign, ahead) < TwinWorld.VisibleWidthPx)
            {
                break;
            }

            sight = ahead;
        }

        return sight;
    }

    private static bool Inside(double u, double v) => u is >= 0 and <= Width && v is >= 0 and <= Height;
}
