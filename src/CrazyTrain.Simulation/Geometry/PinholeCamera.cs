namespace CrazyTrain.Simulation.Geometry;

/// <summary>
/// An ideal pinhole camera for one pose. Image coordinates are continuous: pixel i covers [i, i+1), so a box
/// edge at x = 10.0 is the left edge of pixel 10. Camera frame: x right, y down, z forward.
/// </summary>
public sealed class PinholeCamera
{
    private readonly Vec3 _right;
    private readonly Vec3 _down;
    private readonly Vec3 _forward;

    public PinholeCamera(CameraPose pose, int width, int height, double horizontalFovDegrees)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 8);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 8);
        if (horizontalFovDegrees is <= 5 or >= 170)
        {
            throw new ArgumentOutOfRangeException(nameof(horizontalFovDegrees), horizontalFovDegrees, "must be between 5 and 170 degrees");
        }

        Pose = pose;
        Width = width;
        Height = height;
        Focal = width / 2.0 / Math.Tan(horizontalFovDegrees * Math.PI / 360.0);
        Cx = width / 2.0;
        Cy = height / 2.0;

        var (sh, ch) = Math.SinCos(pose.Heading);
        var (sp, cp) = Math.SinCos(pose.Pitch);
        var forward = new Vec3(ch * cp, sh * cp, sp);
        var right = new Vec3(sh, -ch, 0);
        var up = right.Cross(forward);
        var (sr, cr) = Math.SinCos(pose.Roll);
        _forward = forward;
        _right = right * cr + up * -sr;
        var rolledUp = up * cr + right * sr;
        _down = rolledUp * -1;
    }

    public CameraPose Pose { get; }
    public int Width { get; }
    public int Height { get; }
    public double Focal { get; }
    public double Cx { get; }
    public double Cy { get; }
    public Vec3 Position => Pose.Position;
    public Vec3 Forward => _forward;

    public Vec3 ToCamera(Vec3 world)
    {
        var d = world - Pose.Position;
        return new Vec3(d.Dot(_right), d.Dot(_down), d.Dot(_forward));
    }

    /// <summary>Projects a camera-frame point (z must be positive).</summary>
    public (double U, double V) ProjectCamera(Vec3 c) => (Cx + Focal * c.X / c.Z, Cy + Focal * c.Y / c.Z);

    /// <summary>Projects a world point; returns false when it is behind the near plane.</summary>
    public bool TryProject(Vec3 world, out double u, out double v, out double depth, double near = 0.005)
    {
        var c = ToCamera(world);
        depth = c.Z;
        if (c.Z < near)
        {
            u = v = double.NaN;
            return false;
        }

        (u, v) = ProjectCamera(c);
        return true;
    }

    /// <summary>World direction of the ray through continuous image point (u, v).</summary>
    public Vec3 Ray(double u, double v)
    {
        var x = (u - Cx) / Focal;
        var y = (v - Cy) / Focal;
        return (_right * x + _down * y + _forward).Normalized();
    }

    /// <summary>Vertical component of the (unnormalised) ray through (u, v): negative below the horizon.</summary>
    public double RayZ(double u, double v) => _right.Z * (u - Cx) / Focal + _down.Z * (v - Cy) / Focal + _forward.Z;

    /// <summary>
    /// Homography (row-major 3x3) from table-plane points (X, Y, 0) to continuous image coordinates.
    /// </summary>
    public double[] TablePlaneHomography()
    {
        // image ~ K [r1 r2 t] (X, Y, 1) with rows of R being right/down/forward and t = -R C.
        var c = Pose.Position;
        double[][] r = [[_right.X, _right.Y, _right.Z], [_down.X, _down.Y, _down.Z], [_forward.X, _forward.Y, _forward.Z]];
        var t = new double[3];
        for (var i = 0; i < 3; i++) t[i] = -(r[i][0] * c.X + r[i][1] * c.Y + r[i][2] * c.Z);
        var h = new double[9];
        for (var i = 0; i < 3; i++)
        {
            h[i * 3 + 0] = r[i][0];
            h[i * 3 + 1] = r[i][1];
            h[i * 3 + 2] = t[i];
        }

        // Apply K: u = f*x + cx*z, v = f*y + cy*z.
        var k = new double[9];
        for (var j = 0; j < 3; j++)
        {
            k[0 * 3 + j] = Focal * h[0 * 3 + j] + Cx * h[2 * 3 + j];
            k[1 * 3 + j] = Focal * h[1 * 3 + j] + Cy * h[2 * 3 + j];
            k[2 * 3 + j] = h[2 * 3 + j];
        }

        return k;
    }
}
