using OpenCvSharp;

namespace CrazyTrain.Simulation.Signs;

/// <summary>Outline polygons of the plates, in normalised texture coordinates.</summary>
internal static class ShapeOutlines
{
    public static IReadOnlyList<Point2d> For(SignShape shape) => shape switch
    {
        SignShape.Round => Circle(new Point2d(0.5, 0.5), Margin.Round, 72),
        SignShape.Triangle => RoundedPolygon(TriangleCorners(Margin.Triangle), 0.075, 10),
        SignShape.Square => RoundedPolygon(SquareCorners(Margin.Square), 0.06, 8),
        SignShape.TallBox => RoundedPolygon(SquareCorners(Margin.Square), 0.08, 8),
        _ => throw new ArgumentOutOfRangeException(nameof(shape)),
    };

    /// <summary>Half-size of each outline; the rest of the texture is transparent padding for antialiasing.</summary>
    public static class Margin
    {
        public const double Round = 0.49;
        public const double Triangle = 0.49;
        public const double Square = 0.49;
    }

    public static Point2d[] Circle(Point2d centre, double radius, int segments)
    {
        var points = new Point2d[segments];
        for (var i = 0; i < segments; i++)
        {
            var a = 2 * Math.PI * i / segments;
            points[i] = new Point2d(centre.X + radius * Math.Cos(a), centre.Y + radius * Math.Sin(a));
        }

        return points;
    }

    /// <summary>Equilateral triangle, point up, centred on its bounding box in the unit square.</summary>
    public static Point2d[] TriangleCorners(double halfWidth)
    {
        var side = 2 * halfWidth;
        var height = side * Math.Sqrt(3) / 2;
        var top = 0.5 - height / 2;
        return [new Point2d(0.5, top), new Point2d(0.5 + halfWidth, top + height), new Point2d(0.5 - halfWidth, top + height)];
    }

    public static Point2d[] SquareCorners(double half) =>
        [new Point2d(0.5 - half, 0.5 - half), new Point2d(0.5 + half, 0.5 - half), new Point2d(0.5 + half, 0.5 + half), new Point2d(0.5 - half, 0.5 + half)];

    /// <summary>A convex polygon with its corners rounded by arcs of <paramref name="radius"/>.</summary>
    public static Point2d[] RoundedPolygon(IReadOnlyList<Point2d> corners, double radius, int arcSegments)
    {
        var result = new List<Point2d>();
        var n = corners.Count;
        for (var i = 0; i < n; i++)
        {
            var prev = corners[(i + n - 1) % n];
            var cur = corners[i];
            var next = corners[(i + 1) % n];
            var d1 = Normalize(prev - cur);
            var d2 = Normalize(next - cur);
            var half = Math.Acos(Math.Clamp(d1.X * d2.X + d1.Y * d2.Y, -1, 1)) / 2;
            var along = radius / Math.Tan(half);
            var bis = Normalize(d1 + d2);
            var centre = cur + bis * (radius / Math.Sin(half));
            var start = cur + d1 * along;
            var end = cur + d2 * along;
            var a0 = Math.Atan2(start.Y - centre.Y, start.X - centre.X);
            var a1 = Math.Atan2(end.Y - centre.Y, end.X - centre.X);
            var sweep = a1 - a0;
            while (sweep > Math.PI) sweep -= 2 * Math.PI;
            while (sweep < -Math.PI) sweep += 2 * Math.PI;
            for (var s = 0; s <= arcSegments; s++)
            {
                var a = a0 + sweep * s / arcSegments;
                result.Add(new Point2d(centre.X + radius * Math.Cos(a), centre.Y + radius * Math.Sin(a)));
            }
        }

        return result.ToArray();
    }

    /// <summary>Scales a polygon about its centroid (insets a border of uniform width for regular shapes).</summary>
    public static Point2d[] Scale(IReadOnlyList<Point2d> polygon, double factor)
    {
        var cx = polygon.Average(p => p.X);
        var cy = polygon.Average(p => p.Y);
        return polygon.Select(p => new Point2d(cx + (p.X - cx) * factor, cy + (p.Y - cy) * factor)).ToArray();
    }

    private static Point2d Normalize(Point2d p)
    {
        var l = Math.Sqrt(p.X * p.X + p.Y * p.Y);
        return new Point2d(p.X / l, p.Y / l);
    }
}
