using CrazyTrain.Simulation.Geometry;
using CrazyTrain.Simulation.Scenes;

namespace CrazyTrain.Simulation.Rendering;

/// <summary>
/// A box-shaped room around the table: four flat walls, floor and ceiling, laid out on one texture
/// (ceiling band, the walls side by side, floor band). Flat walls keep straight lines straight and give
/// parallax when the train moves.
/// </summary>
internal sealed class RoomLayout
{
    /// <summary>The table top (world z = 0) stands this high above the floor.</summary>
    public const double TableHeight = 0.75;
    public const int CeilingBand = 40;
    public const int FloorBand = 60;

    public RoomLayout(RoomBackdrop room)
    {
        var rng = new DeterministicRandom(room.Seed);
        Seed = room.Seed;
        var d = room.WallDistance;
        HalfX = room.Size is { } size ? size.X / 2 : d * rng.Range(0.8, 1.3);
        HalfY = room.Size is { } size2 ? size2.Y / 2 : d * rng.Range(0.8, 1.3);
        Centre = room.Centre ?? new Vec2(rng.Range(-0.35, 0.35) * HalfX, rng.Range(-0.35, 0.35) * HalfY);
        Rotation = room.Rotation;
        CeilingHeight = d > 4 ? rng.Range(3.5, 6.0) : rng.Range(2.4, 3.0);
        PixelsPerMetre = Math.Clamp(400 / d, 40, 160);
        var perimeter = 4 * (HalfX + HalfY);
        // Keep the texture below ~2.5 megapixels even for big halls.
        var area = perimeter * CeilingHeight * PixelsPerMetre * PixelsPerMetre;
        if (area > 2.5e6) PixelsPerMetre *= Math.Sqrt(2.5e6 / area);
        Columns = (int)Math.Ceiling(perimeter * PixelsPerMetre);
        Rows = CeilingBand + (int)Math.Ceiling(CeilingHeight * PixelsPerMetre) + FloorBand;
    }

    public ulong Seed { get; }
    public Vec2 Centre { get; }
    public double HalfX { get; }
    public double HalfY { get; }
    public double Rotation { get; }
    public double CeilingHeight { get; }
    public double PixelsPerMetre { get; }
    public int Columns { get; }
    public int Rows { get; }

    /// <summary>A typical eye height above the floor (table plus camera).</summary>
    public double EyeHeight => TableHeight + 0.05;

    public double WallRow(double heightAboveFloor) => CeilingBand + (CeilingHeight - heightAboveFloor) * PixelsPerMetre;

    private double FloorStart => WallRow(0);

    /// <summary>Start and end (metres along the walls) of wall <paramref name="i"/> (0-3).</summary>
    public (double Start, double End) Wall(int i) => i switch
    {
        0 => (0, 2 * HalfX),
        1 => (2 * HalfX, 2 * HalfX + 2 * HalfY),
        2 => (2 * HalfX + 2 * HalfY, 4 * HalfX + 2 * HalfY),
        _ => (4 * HalfX + 2 * HalfY, 4 * HalfX + 4 * HalfY),
    };

    /// <summary>Texture coordinates (OpenCV, centre-based) seen along a world ray from a world point.</summary>
    public (float Col, float Row) Lookup(Vec3 from, Vec3 ray)
    {
        var (sr, cr) = Math.SinCos(-Rotation);
        var px = (from.X - Centre.X) * cr - (from.Y - Centre.Y) * sr;
        var py = (from.X - Centre.X) * sr + (from.Y - Centre.Y) * cr;
        var dx = ray.X * cr - ray.Y * sr;
        var dy = ray.X * sr + ray.Y * cr;
        var eye = TableHeight + from.Z;

        var tx = dx > 1e-9 ? (HalfX - px) / dx : dx < -1e-9 ? (-HalfX - px) / dx : double.MaxValue;
        var ty = dy > 1e-9 ? (HalfY - py) / dy : dy < -1e-9 ? (-HalfY - py) / dy : double.MaxValue;
        tx = Math.Max(tx, 0);
        ty = Math.Max(ty, 0);
        var t = Math.Min(tx, ty);
        var hx = Math.Clamp(px + t * dx, -HalfX, HalfX);
        var hy = Math.Clamp(py + t * dy, -HalfY, HalfY);
        double along;
        if (tx < ty) along = dx > 0 ? 2 * HalfX + (hy + HalfY) : 4 * HalfX + 2 * HalfY + (HalfY - hy);
        else along = dy > 0 ? 2 * HalfX + 2 * HalfY + (HalfX - hx) : hx + HalfX;
        var col = (float)(along * PixelsPerMetre - 0.5);

        var z = eye + t * ray.Z;
        var horizontal = Math.Sqrt(dx * dx + dy * dy);
        var maxDistance = 2 * Math.Max(HalfX, HalfY);
        if (z < 0)
        {
            var distance = eye / -ray.Z * horizontal;
            return (col, (float)(FloorStart + Math.Clamp(distance / maxDistance, 0, 1) * (FloorBand - 1)));
        }

        if (z > CeilingHeight)
        {
            var distance = (CeilingHeight - eye) / ray.Z * horizontal;
            return (col, (float)(CeilingBand - 1 - Math.Clamp(distance / maxDistance, 0, 1) * (CeilingBand - 1)));
        }

        return (col, (float)(WallRow(z) - 0.5));
    }
}
