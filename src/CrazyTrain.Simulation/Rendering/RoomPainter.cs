using CrazyTrain.Simulation.Geometry;
using CrazyTrain.Simulation.Scenes;
using OpenCvSharp;

namespace CrazyTrain.Simulation.Rendering;

/// <summary>
/// Paints an ordinary room on the panorama: walls with corners, floor, ceiling, doors, windows with curtains,
/// shelves of books, cabinets, sofas, pictures, plants and lamps, then light falloff and a soft focus.
/// </summary>
internal sealed class RoomPainter
{
    private readonly RoomBackdrop _room;
    private readonly SceneStyle _style;
    private readonly Mat _image;
    private readonly double _az0;
    private readonly double _ppr;
    private readonly double _horizon;
    private readonly DeterministicRandom _rng;
    private readonly double _distance;
    private readonly bool _daylight;

    public RoomPainter(RoomBackdrop room, SceneStyle style, Mat image, double azimuthStart, double pixelsPerRadian, double horizon)
    {
        _room = room;
        _style = style;
        _image = image;
        _az0 = azimuthStart;
        _ppr = pixelsPerRadian;
        _horizon = horizon;
        _rng = new DeterministicRandom(room.Seed);
        _distance = room.WallDistance;
        _daylight = _rng.Chance(style.Daylight);
    }

    private double Row(double heightMetres, double distance) => _horizon - (heightMetres - RoomPanorama.CameraEyeHeight) / distance * _ppr;

    private int Width => _image.Cols;

    /// <summary>Columns where azimuth <paramref name="az"/> appears (the room wraps around).</summary>
    private IEnumerable<double> Columns(double az)
    {
        var twoPi = 2 * Math.PI;
        var baseCol = (az - _az0) * _ppr;
        var turn = twoPi * _ppr;
        var k = Math.Floor(baseCol / turn);
        for (var i = -1; i <= 1; i++)
        {
            var c = baseCol - (k + i) * turn;
            if (c > -turn / 2 && c < Width + turn / 2) yield return c;
        }
    }

    public void Paint()
    {
        var ceilingHeight = _rng.Range(2.4, 3.0);
        var wallCount = 4;
        var corners = new double[wallCount];
        for (var i = 0; i < wallCount; i++) corners[i] = _room.Rotation + i * Math.PI / 2 + _rng.Range(-0.25, 0.25);
        var wallBase = _rng.Pick(_style.WallColours);
        var floor = _rng.Pick(_style.FloorColours);
        var ceiling = Mix(wallBase, new Scalar(245, 245, 245), 0.5);

        // Background: ceiling, walls and floor bands across the whole panorama.
        var ceilRow = Row(ceilingHeight, _distance);
        var floorRow = Row(0, _distance);
        _image.SetTo(wallBase);
        Fill(new Rect(0, 0, Width, (int)Math.Max(0, ceilRow)), Scale(ceiling, 0.95));
        Fill(new Rect(0, (int)floorRow, Width, Math.Max(0, _image.Rows - (int)floorRow)), floor);

        // Walls: each gets its own shade (light comes from one side), and a corner line.
        for (var i = 0; i < wallCount; i++)
        {
            var a0 = corners[i];
            var a1 = i + 1 < wallCount ? corners[i + 1] : corners[0] + 2 * Math.PI;
            var shade = _rng.Range(0.78, 1.05);
            foreach (var c0 in Columns(a0))
            {
                var c1 = c0 + (a1 - a0) * _ppr;
                Fill(RectFrom(c0, ceilRow, c1, floorRow), Scale(wallBase, shade));
                Line(c0, ceilRow, c0, floorRow, Scale(wallBase, 0.7), 2);
                Fill(RectFrom(c0, Row(0.08, _distance), c1, floorRow), Scale(Mix(wallBase, new Scalar(250, 250, 250), 0.5), shade * 0.95)); // skirting
            }

            var items = Math.Max(1, (int)Math.Round(_style.Clutter * _rng.Range(0.5, 1.5)));
            for (var k = 0; k < items; k++)
            {
                var az = a0 + (a1 - a0) * _rng.Range(0.05, 0.95);
                PaintItem(az, shade);
            }
        }

        AddLightFalloff();
        var sigma = Math.Max(0.8, _ppr / 600.0 * _rng.Range(0.8, 2.5));
        Cv2.GaussianBlur(_image, _image, new Size(0, 0), sigma);
    }

    private void PaintItem(double az, double wallShade)
    {
        var kind = _rng.PickWeighted<string>(
        [
            ("door", 1), ("window", _daylight ? 1.6 : 1.0), ("shelf", 1.5), ("cabinet", 1), ("sofa", 0.8), ("picture", 1),
            ("lamp", _style.LampChance * 1.5), ("plant", 0.6), ("tv", 0.4), ("curtain", 0.6), ("radiator", 0.4),
        ]);
        var furniture = _rng.Pick(_style.FurnitureColours);
        switch (kind)
        {
            case "door": Door(az, furniture); break;
            case "window": Window(az); break;
            case "shelf": Shelf(az, furniture); break;
            case "cabinet": Cabinet(az, furniture); break;
            case "sofa": Sofa(az, furniture); break;
            case "picture": Picture(az); break;
            case "lamp": Lamp(az); break;
            case "plant": Plant(az); break;
            case "tv": Tv(az); break;
            case "curtain": Curtain(az, furniture, 0.9, 2.3); break;
            default: Radiator(az, wallShade); break;
        }
    }

    private void Door(double az, Scalar colour)
    {
        var w = _rng.Range(0.8, 0.95);
        var top = 2.05;
        var panel = _rng.Chance(0.5) ? new Scalar(235, 235, 235) : colour;
        ForItem(az, w, _distance, (c0, c1) =>
        {
            Fill(RectFrom(c0 - 6, Row(top + 0.06, _distance), c1 + 6, Row(0, _distance)), Scale(panel, 0.85));
            Fill(RectFrom(c0, Row(top, _distance), c1, Row(0, _distance)), panel);
            var hx = c0 + (c1 - c0) * 0.85;
            Fill(RectFrom(hx - 4, Row(1.07, _distance), hx + 10, Row(1.02, _distance)), new Scalar(160, 160, 160));
        });
    }

    private void Window(double az)
    {
        var w = _rng.Range(0.8, 1.8);
        var sill = _rng.Range(0.7, 1.0);
        var top = _rng.Range(2.0, 2.3);
        var sky = _daylight
            ? new Scalar(_rng.Range(235, 255), _rng.Range(230, 252), _rng.Range(220, 245))
            : new Scalar(_rng.Range(30, 70), _rng.Range(20, 50), _rng.Range(15, 40));
        var frame = new Scalar(240, 240, 240);
        var panes = _rng.Next(1, 4);
        ForItem(az, w, _distance, (c0, c1) =>
        {
            var r0 = Row(top, _distance);
            var r1 = Row(sill, _distance);
            Fill(RectFrom(c0 - 5, r0 - 5, c1 + 5, r1 + 7), frame);
            Fill(RectFrom(c0, r0, c1, r1), sky);
            if (_daylight)
            {
                // Outside: a hint of trees or houses, washed out by the bright sky.
                var horizonRow = r0 + (r1 - r0) * _rng.Range(0.5, 0.8);
                Fill(RectFrom(c0, horizonRow, c1, r1), Mix(sky, new Scalar(90, 140, 110), _rng.Range(0.2, 0.5)));
            }

            for (var p = 1; p < panes; p++)
            {
                var x = c0 + (c1 - c0) * p / panes;
                Line(x, r0, x, r1, frame, 4);
            }

            Line(c0, (r0 + r1) / 2, c1, (r0 + r1) / 2, frame, 3);
        });
        if (_rng.Chance(0.6))
        {
            var cloth = _rng.Pick(_style.FurnitureColours);
            Curtain(az - w / 2 / _distance - 0.1 / _distance, cloth, 0.3, top + 0.2);
            Curtain(az + w / 2 / _distance + 0.1 / _distance, cloth, 0.3, top + 0.2);
        }

        if (_daylight) Glow(az, Row((sill + top) / 2, _distance), w / _distance * _ppr, new Scalar(60, 60, 55));
    }

    private void Curtain(double az, Scalar colour, double width, double top)
    {
        var folds = _rng.Next(4, 9);
        ForItem(az, width, _distance, (c0, c1) =>
        {
            for (var i = 0; i < folds; i++)
            {
                var x0 = c0 + (c1 - c0) * i / folds;
                var x1 = c0 + (c1 - c0) * (i + 1) / folds;
                Fill(RectFrom(x0, Row(top, _distance), x1, Row(0.05, _distance)), Scale(colour, i % 2 == 0 ? 1.0 : 0.8));
            }
        });
    }

    private void Shelf(double az, Scalar colour)
    {
        var w = _rng.Range(0.6, 1.6);
        var h = _rng.Range(0.9, 2.1);
        var d = _distance * _rng.Range(0.75, 0.95);
        var boards = Math.Max(2, (int)(h / 0.35));
        ForItem(az, w, d, (c0, c1) =>
        {
            Fill(RectFrom(c0, Row(h, d), c1, Row(0, d)), Scale(colour, 0.9));
            for (var b = 0; b < boards; b++)
            {
                var z0 = 0.05 + (h - 0.05) * b / boards;
                var z1 = 0.05 + (h - 0.05) * (b + 1) / boards;
                Fill(RectFrom(c0 + 4, Row(z1 - 0.02, d), c1 - 4, Row(z0 + 0.02, d)), Scale(colour, 0.45));
                // Books and boxes: vertical strips of random colours.
                var x = c0 + 6;
                while (x < c1 - 8)
                {
                    var bw = _rng.Range(0.02, 0.06) / d * _ppr;
                    if (_rng.Chance(0.8))
                    {
                        var bookTop = z0 + 0.02 + (z1 - z0 - 0.04) * _rng.Range(0.55, 0.95);
                        var book = _rng.Chance(0.5) ? _rng.Pick(_style.FurnitureColours) : RandomColour();
                        Fill(RectFrom(x, Row(bookTop, d), x + bw, Row(z0 + 0.02, d)), book);
                    }

                    x += bw + 1;
                }
            }
        });
    }

    private void Cabinet(double az, Scalar colour)
    {
        var w = _rng.Range(0.6, 1.8);
        var h = _rng.Range(0.5, 1.1);
        var d = _distance * _rng.Range(0.8, 0.95);
        var doors = _rng.Next(1, 5);
        ForItem(az, w, d, (c0, c1) =>
        {
            Fill(RectFrom(c0, Row(h, d), c1, Row(0.05, d)), colour);
            Fill(RectFrom(c0, Row(h, d), c1, Row(h - 0.03, d)), Scale(colour, 1.15));
            for (var i = 1; i < doors; i++)
            {
                var x = c0 + (c1 - c0) * i / doors;
                Line(x, Row(h - 0.03, d), x, Row(0.05, d), Scale(colour, 0.6), 2);
            }

            if (_rng.Chance(0.6)) Fill(RectFrom(c0 + (c1 - c0) * 0.2, Row(h + _rng.Range(0.1, 0.3), d), c0 + (c1 - c0) * 0.35, Row(h, d)), RandomColour());
        });
    }

    private void Sofa(double az, Scalar colour)
    {
        var w = _rng.Range(1.4, 2.2);
        var d = _distance * _rng.Range(0.6, 0.85);
        ForItem(az, w, d, (c0, c1) =>
        {
            Fill(RectFrom(c0, Row(0.85, d), c1, Row(0.1, d)), Scale(colour, 0.85));
            Fill(RectFrom(c0 - 10, Row(0.6, d), c0 + 0.2 / d * _ppr, Row(0.1, d)), colour);
            Fill(RectFrom(c1 - 0.2 / d * _ppr, Row(0.6, d), c1 + 10, Row(0.1, d)), colour);
            Fill(RectFrom(c0, Row(0.45, d), c1, Row(0.1, d)), Scale(colour, 1.1));
            for (var i = 0; i < _rng.Next(0, 3); i++)
            {
                var x = c0 + (c1 - c0) * _rng.Range(0.15, 0.75);
                Fill(RectFrom(x, Row(0.75, d), x + 0.35 / d * _ppr, Row(0.45, d)), RandomColour());
            }
        });
    }

    private void Picture(double az)
    {
        var w = _rng.Range(0.3, 0.9);
        var h = w * _rng.Range(0.6, 1.3);
        var bottom = _rng.Range(1.2, 1.6);
        ForItem(az, w, _distance, (c0, c1) =>
        {
            Fill(RectFrom(c0, Row(bottom + h, _distance), c1, Row(bottom, _distance)), _rng.Chance(0.5) ? new Scalar(30, 30, 30) : new Scalar(200, 200, 200));
            var inner = RectFrom(c0 + 5, Row(bottom + h, _distance) + 5, c1 - 5, Row(bottom, _distance) - 5);
            Fill(inner, RandomColour());
            Fill(new Rect(inner.X, inner.Y + inner.Height / 2, inner.Width, inner.Height / 2), RandomColour());
        });
    }

    private void Lamp(double az)
    {
        var d = _distance * _rng.Range(0.7, 0.95);
        var standing = _rng.Chance(0.5);
        var shadeHeight = standing ? _rng.Range(1.4, 1.8) : _rng.Range(2.0, 2.4);
        var warm = new Scalar(170, 215, 255);
        foreach (var c in Columns(az))
        {
            var sw = 0.35 / d * _ppr;
            if (standing) Line(c, Row(shadeHeight, d), c, Row(0, d), new Scalar(40, 40, 40), 3);
            else Line(c, Row(3.0, d), c, Row(shadeHeight, d), new Scalar(40, 40, 40), 2);
            var top = Row(shadeHeight + 0.25, d);
            var bottom = Row(shadeHeight, d);
            Cv2.FillConvexPoly(_image, new[] { new Point(c - sw * 0.3, top), new Point(c + sw * 0.3, top), new Point(c + sw / 2, bottom), new Point(c - sw / 2, bottom) }, warm, LineTypes.AntiAlias);
            Glow(az, (top + bottom) / 2, sw * 3, new Scalar(70, 110, 140));
        }
    }

    private void Plant(double az)
    {
        var d = _distance * _rng.Range(0.7, 0.95);
        ForItem(az, 0.35, d, (c0, c1) =>
        {
            var cx = (c0 + c1) / 2;
            Fill(RectFrom(c0 + (c1 - c0) * 0.2, Row(0.35, d), c1 - (c1 - c0) * 0.2, Row(0, d)), new Scalar(60, 90, 160));
            for (var i = 0; i < 12; i++)
            {
                var x = cx + _rng.Normal(0, (c1 - c0) * 0.35);
                var y = Row(_rng.Range(0.4, 1.2), d);
                Cv2.Ellipse(_image, new Point(x, y), new Size((c1 - c0) * 0.25, (c1 - c0) * 0.12), _rng.Range(0, 180), 0, 360,
                    new Scalar(_rng.Range(30, 70), _rng.Range(90, 150), _rng.Range(30, 70)), -1, LineTypes.AntiAlias);
            }
        });
    }

    private void Tv(double az)
    {
        var w = _rng.Range(0.8, 1.3);
        ForItem(az, w, _distance, (c0, c1) =>
        {
            Fill(RectFrom(c0, Row(1.55, _distance), c1, Row(1.55 - w * 0.56, _distance)), new Scalar(25, 25, 25));
            Fill(RectFrom(c0 + 4, Row(1.53, _distance), c1 - 4, Row(1.57 - w * 0.56, _distance)), new Scalar(45, 40, 38));
        });
    }

    private void Radiator(double az, double wallShade)
    {
        ForItem(az, _rng.Range(0.6, 1.2), _distance, (c0, c1) =>
        {
            Fill(RectFrom(c0, Row(0.75, _distance), c1, Row(0.15, _distance)), Scale(new Scalar(235, 235, 235), wallShade));
            for (var x = c0 + 6; x < c1; x += 7) Line(x, Row(0.73, _distance), x, Row(0.17, _distance), new Scalar(190, 190, 190), 1);
        });
    }

    private void ForItem(double az, double widthMetres, double distance, Action<double, double> draw)
    {
        var half = widthMetres / 2 / distance * _ppr;
        foreach (var c in Columns(az))
        {
            if (c + half < 0 || c - half > Width) continue;
            draw(c - half, c + half);
        }
    }

    private void Glow(double az, double row, double radius, Scalar strength)
    {
        foreach (var c in Columns(az))
        {
            var r = (int)Math.Max(4, radius);
            var rect = new Rect((int)(c - r * 2), (int)(row - r * 2), r * 4, r * 4) & new Rect(0, 0, _image.Cols, _image.Rows);
            if (rect.Width <= 0 || rect.Height <= 0) continue;
            // Blur a small copy and enlarge it: a wide glow at full size would cost a huge kernel.
            var k = Math.Max(1.0, r / 12.0);
            var small = new Size(Math.Max(4, (int)(rect.Width / k)), Math.Max(4, (int)(rect.Height / k)));
            using var tiny = new Mat(small, MatType.CV_8UC3, Scalar.All(0));
            Cv2.Circle(tiny, new Point((c - rect.X) / k, (row - rect.Y) / k), Math.Max(1, (int)(r / k)), strength, -1, LineTypes.AntiAlias);
            Cv2.GaussianBlur(tiny, tiny, new Size(0, 0), r / k * 0.6);
            using var glow = new Mat();
            Cv2.Resize(tiny, glow, rect.Size, 0, 0, InterpolationFlags.Linear);
            using var roi = new Mat(_image, rect);
            Cv2.Add(roi, glow, roi);
        }
    }

    private void AddLightFalloff()
    {
        // Rooms are brighter near the lamps and windows and darker towards floor and corners: a gentle
        // vertical gradient times a broad random horizontal modulation.
        var rows = _image.Rows;
        var cols = _image.Cols;
        var phase = _rng.Range(0, 2 * Math.PI);
        var amplitude = _rng.Range(0.05, 0.25);
        var column = new int[cols];
        for (var c = 0; c < cols; c++) column[c] = (int)(256 * (1 - amplitude + amplitude * Math.Cos(c / _ppr * 1.5 + phase)));
        unsafe
        {
            for (var r = 0; r < rows; r++)
            {
                var p = (byte*)_image.Ptr(r);
                var vertical = 1.0 - 0.25 * Math.Clamp((r - _horizon) / (_ppr * 0.9), -0.6, 1.0);
                var v = (int)(vertical * 256);
                for (var c = 0; c < cols; c++)
                {
                    var g = column[c] * v;
                    var i = c * 3;
                    p[i] = (byte)Math.Min(255, (p[i] * g) >> 16);
                    p[i + 1] = (byte)Math.Min(255, (p[i + 1] * g) >> 16);
                    p[i + 2] = (byte)Math.Min(255, (p[i + 2] * g) >> 16);
                }
            }
        }
    }

    private Scalar RandomColour()
    {
        var baseColour = _rng.Pick(Signs.LegoPalette.BrickColours);
        return Scale(baseColour, _rng.Range(0.6, 1.0));
    }

    private void Fill(Rect rect, Scalar colour)
    {
        var r = rect & new Rect(0, 0, _image.Cols, _image.Rows);
        if (r.Width <= 0 || r.Height <= 0) return;
        using var roi = new Mat(_image, r);
        roi.SetTo(colour);
    }

    private void Line(double x0, double y0, double x1, double y1, Scalar colour, int thickness) =>
        Cv2.Line(_image, new Point(x0, y0), new Point(x1, y1), colour, thickness, LineTypes.AntiAlias);

    private static Rect RectFrom(double x0, double y0, double x1, double y1)
    {
        var l = (int)Math.Floor(Math.Min(x0, x1));
        var t = (int)Math.Floor(Math.Min(y0, y1));
        var r = (int)Math.Ceiling(Math.Max(x0, x1));
        var b = (int)Math.Ceiling(Math.Max(y0, y1));
        return new Rect(l, t, Math.Max(0, r - l), Math.Max(0, b - t));
    }

    internal static Scalar Scale(Scalar s, double f) => new(Math.Min(255, s.Val0 * f), Math.Min(255, s.Val1 * f), Math.Min(255, s.Val2 * f));

    internal static Scalar Mix(Scalar a, Scalar b, double t) =>
        new(a.Val0 + (b.Val0 - a.Val0) * t, a.Val1 + (b.Val1 - a.Val1) * t, a.Val2 + (b.Val2 - a.Val2) * t);
}
