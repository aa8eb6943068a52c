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
    private readonly RoomLayout _room;
    private readonly SceneStyle _style;
    private readonly Mat _image;
    private readonly double _ppm;
    private readonly DeterministicRandom _rng;
    private readonly bool _daylight;

    public RoomPainter(RoomLayout room, SceneStyle style, Mat image)
    {
        _room = room;
        _style = style;
        _image = image;
        _ppm = room.PixelsPerMetre;
        _rng = new DeterministicRandom(room.Seed ^ 0x524F4F4DUL);
        _daylight = _rng.Chance(style.Daylight);
    }

    /// <summary>Texture row of a height above the floor (metres) on a wall.</summary>
    private double Row(double heightMetres) => _room.WallRow(heightMetres);

    /// <summary>Texture column of a position along the walls (metres from the first corner).</summary>
    private double Col(double along) => along * _ppm;

    private int Width => _image.Cols;

    /// <summary>Columns where a wall position appears: the walls close on themselves at the first corner.</summary>
    private IEnumerable<double> Columns(double along)
    {
        var c = Col(along);
        foreach (var candidate in new[] { c - Width, c, c + Width })
        {
            if (candidate > -Width / 2.0 && candidate < Width * 1.5) yield return candidate;
        }
    }

    public void Paint()
    {
        var wallBase = _rng.Pick(_style.WallColours);
        var floor = _rng.Pick(_style.FloorColours);
        var ceiling = Mix(wallBase, new Scalar(245, 245, 245), 0.5);

        // Ceiling band (top), walls, floor band (bottom); the bands are graded by distance in RoomLayout.
        _image.SetTo(wallBase);
        var ceilRow = Row(_room.CeilingHeight);
        var floorRow = Row(0);
        Fill(new Rect(0, 0, Width, (int)Math.Ceiling(ceilRow)), Scale(ceiling, 0.95));
        Fill(new Rect(0, (int)floorRow, Width, Math.Max(0, _image.Rows - (int)floorRow)), floor);
        GradeBand(0, (int)Math.Ceiling(ceilRow), 1.05, 0.8);
        GradeBand((int)floorRow, _image.Rows, 0.95, 0.6);

        // Walls: each gets its own shade (light comes from one side), a corner line and its furniture.
        for (var i = 0; i < 4; i++)
        {
            var (a0, a1) = _room.Wall(i);
            var shade = _rng.Range(0.78, 1.05);
            var c0 = Col(a0);
            var c1 = Col(a1);
            Fill(RectFrom(c0, ceilRow, c1, floorRow), Scale(wallBase, shade));
            Line(c0, ceilRow, c0, floorRow, Scale(wallBase, 0.7), 2);
            Fill(RectFrom(c0, Row(0.08), c1, floorRow), Scale(Mix(wallBase, new Scalar(250, 250, 250), 0.5), shade * 0.95)); // skirting

            var length = a1 - a0;
            var items = Math.Max(1, (int)Math.Round(_style.Clutter * length / 4.0 * _rng.Range(0.6, 1.4)));
            for (var k = 0; k < items; k++)
            {
                // Spread items along the wall, each in its own slot, so they rarely overlap.
                var slot = length / items;
                var at = a0 + slot * (k + _rng.Range(0.3, 0.7));
                PaintItem(at, shade);
            }
        }

        AddLightFalloff();
        var sigma = Math.Max(0.6, _rng.Range(0.6, 1.8));
        Cv2.GaussianBlur(_image, _image, new Size(0, 0), sigma);
    }

    private void GradeBand(int rowStart, int rowEnd, double near, double far)
    {
        for (var r = rowStart; r < rowEnd; r++)
        {
            var t = (rowEnd - rowStart) <= 1 ? 0 : (double)(r - rowStart) / (rowEnd - rowStart - 1);
            // The ceiling band runs far (top) to near; the floor band near (top) to far.
            var f = rowStart == 0 ? far + (near - far) * t : near + (far - near) * t;
            var g = (int)(f * 256);
            var bytes = _image.Cols * 3;
            unsafe
            {
                var p = (byte*)_image.Ptr(r);
                for (var i = 0; i < bytes; i++) p[i] = (byte)Math.Min(255, (p[i] * g) >> 8);
            }
        }
    }

    private void PaintItem(double az, double wallShade)
    {
        var kind = _rng.PickWeighted<string>(
        [
            ("door", 1), ("window", _daylight ? 1.6 : 1.0), ("shelf", 1.5), ("cabinet", 1), ("sofa", 0.8), ("picture", 1),
            ("lamp", _style.LampChance * 1.5), ("plant", 0.6), ("tv", 0.4), ("curtain", 0.6), ("radiator", 0.4),
            ("decor", _style.Clutter * 0.8), ("fabric", _style.Fabric),
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
            case "decor": Decor(az); break;
            case "fabric": Fabric(az); break;
            default: Radiator(az, wallShade); break;
        }
    }

    private void Door(double az, Scalar colour)
    {
        var w = _rng.Range(0.8, 0.95);
        var top = 2.05;
        var panel = _rng.Chance(0.5) ? new Scalar(235, 235, 235) : colour;
        ForItem(az, w, (c0, c1) =>
        {
            Fill(RectFrom(c0 - 6, Row(top + 0.06), c1 + 6, Row(0)), Scale(panel, 0.85));
            Fill(RectFrom(c0, Row(top), c1, Row(0)), panel);
            var hx = c0 + (c1 - c0) * 0.85;
            Fill(RectFrom(hx - 4, Row(1.07), hx + 10, Row(1.02)), new Scalar(160, 160, 160));
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
        ForItem(az, w, (c0, c1) =>
        {
            var r0 = Row(top);
            var r1 = Row(sill);
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
            Curtain(az - w / 2 - 0.2, cloth, 0.3, top + 0.2);
            Curtain(az + w / 2 + 0.2, cloth, 0.3, top + 0.2);
        }

        if (_daylight) Glow(az, Row((sill + top) / 2), w * _ppm, new Scalar(60, 60, 55));
    }

    private void Curtain(double az, Scalar colour, double width, double top)
    {
        var folds = _rng.Next(4, 9);
        ForItem(az, width, (c0, c1) =>
        {
            for (var i = 0; i < folds; i++)
            {
                var x0 = c0 + (c1 - c0) * i / folds;
                var x1 = c0 + (c1 - c0) * (i + 1) / folds;
                Fill(RectFrom(x0, Row(top), x1, Row(0.05)), Scale(colour, i % 2 == 0 ? 1.0 : 0.8));
            }
        });
    }

    private void Shelf(double az, Scalar colour)
    {
        var w = _rng.Range(0.6, 1.6);
        var h = _rng.Range(0.9, 2.1);
        var boards = Math.Max(2, (int)(h / 0.35));
        ForItem(az, w, (c0, c1) =>
        {
            Fill(RectFrom(c0, Row(h), c1, Row(0)), Scale(colour, 0.9));
            for (var b = 0; b < boards; b++)
            {
                var z0 = 0.05 + (h - 0.05) * b / boards;
                var z1 = 0.05 + (h - 0.05) * (b + 1) / boards;
                Fill(RectFrom(c0 + 4, Row(z1 - 0.02), c1 - 4, Row(z0 + 0.02)), Scale(colour, 0.45));
                // Books and boxes: vertical strips of random colours.
                var x = c0 + 6;
                while (x < c1 - 8)
                {
                    var bw = _rng.Range(0.02, 0.06) * _ppm;
                    if (_rng.Chance(0.8))
                    {
                        var bookTop = z0 + 0.02 + (z1 - z0 - 0.04) * _rng.Range(0.55, 0.95);
                        var book = _rng.Chance(0.5) ? _rng.Pick(_style.FurnitureColours) : RandomColour();
                        Fill(RectFrom(x, Row(bookTop), x + bw, Row(z0 + 0.02)), book);
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
        var doors = _rng.Next(1, 5);
        ForItem(az, w, (c0, c1) =>
        {
            Fill(RectFrom(c0, Row(h), c1, Row(0.05)), colour);
            Fill(RectFrom(c0, Row(h), c1, Row(h - 0.03)), Scale(colour, 1.15));
            for (var i = 1; i < doors; i++)
            {
                var x = c0 + (c1 - c0) * i / doors;
                Line(x, Row(h - 0.03), x, Row(0.05), Scale(colour, 0.6), 2);
            }

            if (_rng.Chance(0.6)) Fill(RectFrom(c0 + (c1 - c0) * 0.2, Row(h + _rng.Range(0.1, 0.3)), c0 + (c1 - c0) * 0.35, Row(h)), RandomColour());
        });
    }

    private void Sofa(double az, Scalar colour)
    {
        var w = _rng.Range(1.4, 2.2);
        ForItem(az, w, (c0, c1) =>
        {
            Fill(RectFrom(c0, Row(0.85), c1, Row(0.1)), Scale(colour, 0.85));
            Fill(RectFrom(c0 - 10, Row(0.6), c0 + 0.2 * _ppm, Row(0.1)), colour);
            Fill(RectFrom(c1 - 0.2 * _ppm, Row(0.6), c1 + 10, Row(0.1)), colour);
            Fill(RectFrom(c0, Row(0.45), c1, Row(0.1)), Scale(colour, 1.1));
            for (var i = 0; i < _rng.Next(0, 3); i++)
            {
                var x = c0 + (c1 - c0) * _rng.Range(0.15, 0.75);
                Fill(RectFrom(x, Row(0.75), x + 0.35 * _ppm, Row(0.45)), RandomColour());
            }
        });
    }

    private void Picture(double az)
    {
        var w = _rng.Range(0.3, 0.9);
        var h = w * _rng.Range(0.6, 1.3);
        var bottom = _rng.Range(1.2, 1.6);
        ForItem(az, w, (c0, c1) =>
        {
            Fill(RectFrom(c0, Row(bottom + h), c1, Row(bottom)), _rng.Chance(0.5) ? new Scalar(30, 30, 30) : new Scalar(200, 200, 200));
            var inner = RectFrom(c0 + 5, Row(bottom + h) + 5, c1 - 5, Row(bottom) - 5);
            Fill(inner, RandomColour());
            Fill(new Rect(inner.X, inner.Y + inner.Height / 2, inner.Width, inner.Height / 2), RandomColour());
        });
    }

    /// <summary>
    /// Posters, clocks, toy boxes and children's drawings: round, triangular and lettered shapes in the signs'
    /// colours that are not signs, so the detector learns the sign designs rather than "red disc" or "yellow
    /// triangle" (real rooms are full of them).
    /// </summary>
    private void Decor(double az)
    {
        var w = _rng.Range(0.3, 1.1);
        var h = w * _rng.Range(0.5, 1.4);
        var bottom = _rng.Range(0.3, 1.6);
        var background = _rng.Chance(0.4) ? new Scalar(_rng.Range(200, 245), _rng.Range(200, 245), _rng.Range(200, 245)) : RandomColour();
        var shapes = _rng.Next(2, 9);
        var specs = Enumerable.Range(0, shapes).Select(_ => (Kind: _rng.Next(0, 6), X: _rng.NextDouble(), Y: _rng.NextDouble(), R: _rng.Range(0.06, 0.3),
            Fill: _rng.Chance(0.5) ? _rng.Pick(DecorColours) : RandomColour(), Ink: _rng.Pick(DecorColours), Text: _rng.Pick(DecorWords))).ToList();
        ForItem(az, w, (c0, c1) =>
        {
            var top = Row(bottom + h);
            var rect = RectFrom(c0, top, c1, Row(bottom));
            Fill(rect, background);
            foreach (var shape in specs)
            {
                var centre = new Point(rect.X + (shape.X * rect.Width), rect.Y + (shape.Y * rect.Height));
                var r = Math.Max(2, (int)(shape.R * Math.Min(rect.Width, rect.Height)));
                switch (shape.Kind)
                {
                    case 0: Cv2.Circle(_image, centre, r, shape.Fill, -1, LineTypes.AntiAlias); break;
                    case 1: Cv2.Circle(_image, centre, r, shape.Fill, Math.Max(1, r / 4), LineTypes.AntiAlias); break;
                    case 2:
                        Cv2.FillConvexPoly(_image, new[] { new Point(centre.X, centre.Y - r), new Point(centre.X + r, centre.Y + (r * 0.8)), new Point(centre.X - r, centre.Y + (r * 0.8)) }, shape.Fill, LineTypes.AntiAlias);
                        break;
                    case 3: Fill(new Rect(centre.X - r, centre.Y - (r / 2), r * 2, r), shape.Fill); break;
                    case 4:
                        // A clock or plate: a light disc with a dark rim and hands.
                        Cv2.Circle(_image, centre, r, new Scalar(235, 235, 235), -1, LineTypes.AntiAlias);
                        Cv2.Circle(_image, centre, r, shape.Ink, Math.Max(1, r / 6), LineTypes.AntiAlias);
                        Cv2.Line(_image, centre, new Point(centre.X + (r * 0.5), centre.Y - (r * 0.3)), new Scalar(30, 30, 30), Math.Max(1, r / 10), LineTypes.AntiAlias);
                        break;
                    default:
                        Lettering(rect, shape.Text, new Point(centre.X - r, centre.Y), Math.Max(0.3, r / 22.0), shape.Ink, Math.Max(1, r / 8));
                        break;
                }
            }
        });
    }

    /// <summary>A wax-print cloth (thrown over a chair, hung as a curtain or a wall hanging): large and vivid.</summary>
    private void Fabric(double az)
    {
        var w = _rng.Range(0.7, 2.0);
        var h = _rng.Range(0.6, 1.8);
        var bottom = _rng.Chance(0.5) ? _rng.Range(0.0, 0.5) : _rng.Range(0.5, 1.2);
        var pattern = FabricPattern.Random(_rng);
        ForItem(az, w, (c0, c1) => pattern.Paint(_image, RectFrom(c0, Row(bottom + h), c1, Row(bottom)), (int)(pattern.Cell * _ppm)));
    }

    private static readonly Scalar[] DecorColours =
    [
        Signs.LegoPalette.Red, Signs.LegoPalette.Yellow, Signs.LegoPalette.White, Signs.LegoPalette.Blue, Signs.LegoPalette.Black, new(30, 30, 30),
    ];

    private static readonly string[] DecorWords = ["30", "50", "STOP", "GO", "A", "12", "OK", "LEGO", "ZOO", "5", "3", "MAX", "P", "BUS", "100", "TOYS"];

    private void Lamp(double az)
    {
        var standing = _rng.Chance(0.5);
        var shadeHeight = standing ? _rng.Range(1.4, 1.8) : _rng.Range(2.0, 2.4);
        var warm = new Scalar(170, 215, 255);
        foreach (var c in Columns(az))
        {
            var sw = 0.35 * _ppm;
            if (standing) Line(c, Row(shadeHeight), c, Row(0), new Scalar(40, 40, 40), 3);
            else Line(c, Row(3.0), c, Row(shadeHeight), new Scalar(40, 40, 40), 2);
            var top = Row(shadeHeight + 0.25);
            var bottom = Row(shadeHeight);
            Cv2.FillConvexPoly(_image, new[] { new Point(c - sw * 0.3, top), new Point(c + sw * 0.3, top), new Point(c + sw / 2, bottom), new Point(c - sw / 2, bottom) }, warm, LineTypes.AntiAlias);
            Glow(az, (top + bottom) / 2, sw * 3, new Scalar(70, 110, 140));
        }
    }

    private void Plant(double az)
    {
        ForItem(az, 0.35, (c0, c1) =>
        {
            var cx = (c0 + c1) / 2;
            Fill(RectFrom(c0 + (c1 - c0) * 0.2, Row(0.35), c1 - (c1 - c0) * 0.2, Row(0)), new Scalar(60, 90, 160));
            for (var i = 0; i < 12; i++)
            {
                var x = cx + _rng.Normal(0, (c1 - c0) * 0.35);
                var y = Row(_rng.Range(0.4, 1.2));
                Cv2.Ellipse(_image, new Point(x, y), new Size((c1 - c0) * 0.25, (c1 - c0) * 0.12), _rng.Range(0, 180), 0, 360,
                    new Scalar(_rng.Range(30, 70), _rng.Range(90, 150), _rng.Range(30, 70)), -1, LineTypes.AntiAlias);
            }
        });
    }

    private void Tv(double az)
    {
        var w = _rng.Range(0.8, 1.3);
        ForItem(az, w, (c0, c1) =>
        {
            Fill(RectFrom(c0, Row(1.55), c1, Row(1.55 - w * 0.56)), new Scalar(25, 25, 25));
            Fill(RectFrom(c0 + 4, Row(1.53), c1 - 4, Row(1.57 - w * 0.56)), new Scalar(45, 40, 38));
        });
    }

    private void Radiator(double az, double wallShade)
    {
        ForItem(az, _rng.Range(0.6, 1.2), (c0, c1) =>
        {
            Fill(RectFrom(c0, Row(0.75), c1, Row(0.15)), Scale(new Scalar(235, 235, 235), wallShade));
            for (var x = c0 + 6; x < c1; x += 7) Line(x, Row(0.73), x, Row(0.17), new Scalar(190, 190, 190), 1);
        });
    }

    private void ForItem(double az, double widthMetres, Action<double, double> draw)
    {
        var half = widthMetres / 2 * _ppm;
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
        var horizon = Row(_room.EyeHeight);
        for (var c = 0; c < cols; c++) column[c] = (int)(256 * (1 - amplitude + amplitude * Math.Cos(c / _ppm * 0.6 + phase)));
        unsafe
        {
            for (var r = 0; r < rows; r++)
            {
                var p = (byte*)_image.Ptr(r);
                var vertical = 1.0 - 0.2 * Math.Clamp((r - horizon) / (_ppm * 1.2), -0.8, 1.0);
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

    /// <summary>
    /// Text on a poster, written mirrored into the texture: the walls' texture runs counter-clockwise seen from above,
    /// so from inside the room it appears mirrored, and text written plainly read "SYOT" for "TOYS". Drawn into the
    /// poster's area flipped and flipped back, so it reads left to right on the wall; the rest of the area is unchanged.
    /// </summary>
    private void Lettering(Rect poster, string text, Point origin, double scale, Scalar ink, int thickness)
    {
        var area = poster & new Rect(0, 0, _image.Cols, _image.Rows);
        if (area.Width <= 0 || area.Height <= 0) return;
        var width = Cv2.GetTextSize(text, HersheyFonts.HersheyDuplex, scale, thickness, out _).Width;
        using var roi = new Mat(_image, area);
        Cv2.Flip(roi, roi, FlipMode.Y);
        // The text's span [x, x + width) lands at [W - x - width, W - x) in the flipped area.
        var start = new Point(area.Width - (origin.X - area.X) - width, origin.Y - area.Y);
        Cv2.PutText(roi, text, start, HersheyFonts.HersheyDuplex, scale, ink, thickness, LineTypes.AntiAlias);
        Cv2.Flip(roi, roi, FlipMode.Y);
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
