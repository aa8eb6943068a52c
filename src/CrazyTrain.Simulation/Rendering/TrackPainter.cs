using CrazyTrain.Simulation.Geometry;
using CrazyTrain.Simulation.Scenes;
using OpenCvSharp;

namespace CrazyTrain.Simulation.Rendering;

/// <summary>
/// Draws LEGO City track seen from above on a ground layer: sleepers two studs wide every four studs with
/// studs at their ends, two rails with a lit top and a shadowed inner side, and joints every 16 studs.
/// </summary>
internal static class TrackPainter
{
    private const int Shift = 3;
    private const double One = 1 << Shift;
    private const double SleeperPitch = 4 * TrackLayout.StudPitch;
    private const double SleeperWidth = 2 * TrackLayout.StudPitch;
    private const double PieceLength = 16 * TrackLayout.StudPitch;

    public static void Paint(GroundLayer layer, TrackLayout track, TrackLook look)
    {
        var img = layer.Image;
        var r = layer.Resolution;
        var bounds = new Rect(-50, -50, img.Cols + 100, img.Rows + 100);
        bool Near(Vec2 p)
        {
            var q = layer.ToPixel(p);
            return bounds.Contains((int)q.X, (int)q.Y);
        }

        Point P(Vec2 p)
        {
            var q = layer.ToPixel(p);
            return new Point((int)Math.Round(q.X * One), (int)Math.Round(q.Y * One));
        }

        // Shadow under the track: ambient occlusion on the table along both sides.
        var shadow = new Scalar(0, 0, 0);
        var length = track.Length;
        var sleeper = look.Sleeper;
        var studTop = RoomPainter.Scale(look.Sleeper, 1.25);
        var studEdge = RoomPainter.Scale(look.Sleeper, 0.7);
        for (var s = SleeperPitch / 2; s < length; s += SleeperPitch)
        {
            var (c, h) = track.PoseAt(s);
            if (!Near(c)) continue;
            var along = Vec2.FromAngle(h);
            var across = Vec2.FromAngle(h + Math.PI / 2);
            var hw = TrackLayout.Width / 2;
            var hl = SleeperWidth / 2;
            Polygon(img, [c + across * hw + along * hl, c - across * hw + along * hl, c - across * hw - along * hl, c + across * hw - along * hl], sleeper, P);
            if (r < 0.003)
            {
                foreach (var lateral in new[] { -3.5, -2.5, 2.5, 3.5 })
                foreach (var lon in new[] { -0.5, 0.5 })
                {
                    var centre = c + across * (lateral * TrackLayout.StudPitch) + along * (lon * TrackLayout.StudPitch);
                    var radius = 0.0024 / r;
                    Cv2.Circle(img, P(centre), (int)Math.Round(radius * One), studEdge, -1, LineTypes.AntiAlias, Shift);
                    Cv2.Circle(img, P(centre + new Vec2(-0.0003, -0.0003)), (int)Math.Round(radius * 0.8 * One), studTop, -1, LineTypes.AntiAlias, Shift);
                }
            }
        }

        // Rails: a base strip, a bright top and a dark inner flank.
        var step = Math.Max(0.004, r * 4);
        foreach (var side in new[] { -1.0, 1.0 })
        {
            var baseLine = new List<Point>();
            var topLine = new List<Point>();
            var flank = new List<Point>();
            foreach (var (_, p, h) in track.Sample(step))
            {
                var across = Vec2.FromAngle(h + Math.PI / 2);
                baseLine.Add(P(p + across * (side * TrackLayout.Gauge / 2)));
                topLine.Add(P(p + across * (side * (TrackLayout.Gauge / 2 + 0.0005))));
                flank.Add(P(p + across * (side * (TrackLayout.Gauge / 2 - 0.0025))));
            }

            Polyline(img, baseLine, Math.Max(1, 0.0065 / r), look.Rail);
            Polyline(img, flank, Math.Max(1, 0.0022 / r), RoomPainter.Scale(look.Rail, 0.55));
            Polyline(img, topLine, Math.Max(1, 0.0025 / r), RoomPainter.Scale(look.Rail, 1.35));
        }

        // Joints between 16-stud pieces: a short dark gap in each rail.
        for (var s = PieceLength; s < length; s += PieceLength)
        {
            var (c, h) = track.PoseAt(s);
            if (!Near(c)) continue;
            var across = Vec2.FromAngle(h + Math.PI / 2);
            foreach (var side in new[] { -1.0, 1.0 })
            {
                var railCentre = c + across * (side * TrackLayout.Gauge / 2);
                Cv2.Line(img, P(railCentre + across * 0.003), P(railCentre - across * 0.003), RoomPainter.Scale(look.Rail, 0.45),
                    Math.Max(1, (int)Math.Round(0.0007 / r)), LineTypes.AntiAlias, Shift);
            }
        }
    }

    private static void Polygon(Mat img, Vec2[] points, Scalar colour, Func<Vec2, Point> p) =>
        Cv2.FillConvexPoly(img, points.Select(p).ToArray(), colour, LineTypes.AntiAlias, Shift);

    private static void Polyline(Mat img, List<Point> points, double thickness, Scalar colour) =>
        Cv2.Polylines(img, [points], false, colour, Math.Max(1, (int)Math.Round(thickness)), LineTypes.AntiAlias, Shift);
}
