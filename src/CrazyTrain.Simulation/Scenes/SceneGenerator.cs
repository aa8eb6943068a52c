using CrazyTrain.Simulation.Geometry;
using CrazyTrain.Simulation.Signs;
using OpenCvSharp;

namespace CrazyTrain.Simulation.Scenes;

/// <summary>
/// Draws random but plausible scenes of a style: the train's camera ~5 cm above the table on a LEGO track,
/// signs beside the track at distances that give the real photos' size mix (median ~27 px wide, 10-150 px),
/// turned up to ~60 degrees, sometimes hidden behind bricks; or a close-up in front of a plain backdrop.
/// </summary>
public static class SceneGenerator
{
    /// <summary>Focal length in pixels of a 60-degree camera 640 px wide: sizes are chosen for it.</summary>
    private const double ReferenceFocal = 554.26;
    private const double PlateSize = 0.016;

    public static Scene Create(SceneStyle style, ulong seed)
    {
        var rng = new DeterministicRandom(seed);
        if (rng.Chance(style.CloseUpChance)) return CloseUp(style, rng);

        // The near elements draw from their own stream, so adding them left every other choice of a seed as it was.
        var near = new DeterministicRandom(seed ^ 0x4E4541524259UL);
        return TrackScene(style, rng) with
        {
            NearCloth = near.Chance(style.NearCloth) ? RandomNearCloth(near) : null,
            TrainNose = near.Chance(style.TrainNose) ? RandomTrainNose(near) : null,
        };
    }

    private static NearCloth RandomNearCloth(DeterministicRandom rng) => new(
        Left: rng.Chance(0.5),
        Width: rng.Range(0.10, 0.35),
        Bottom: rng.Chance(0.55) ? 1.0 : rng.Range(0.55, 0.8),
        Slant: rng.Normal(0, 0.05),
        Blur: rng.Range(0.008, 0.025),
        PatternScale: rng.Range(0.07, 0.2),
        Brightness: rng.Range(0.55, 1.05),
        PatternSeed: rng.NextUInt64());

    private static TrainNose RandomTrainNose(DeterministicRandom rng) => new(
        Centre: Math.Clamp(rng.Normal(0.5, 0.15), 0.2, 0.8),
        Width: rng.Range(0.3, 0.75),
        Height: rng.Range(0.05, 0.2),
        Colour: rng.PickWeighted<int>([(0, 0.5), (1, 0.3), (2, 0.2)]),
        GreyBricks: rng.Chance(0.6),
        Buffer: rng.Chance(0.35),
        Blur: rng.Range(0.002, 0.006));

    private static Scene TrackScene(SceneStyle style, DeterministicRandom rng)
    {
        var track = RandomTrack(rng);
        const double cameraS = 0.5;
        var (camAt, camHeading) = track.PoseAt(cameraS);
        var camera = CameraPose.OnTrain(camAt, camHeading + rng.Normal(0, 0.015), rng.Range(0.04, 0.075), rng.Normal(-0.025, 0.05), rng.Normal(0, 0.02));
        var tracks = new List<TrackLayout> { track };
        if (rng.Chance(0.3))
        {
            var side = rng.Chance(0.5) ? 1 : -1;
            var offset = Vec2.FromAngle(camHeading + side * Math.PI / 2) * rng.Range(0.1, 0.25);
            tracks.Add(new TrackLayout(camAt + offset - Vec2.FromAngle(camHeading) * 0.5, camHeading + rng.Normal(0, 0.1), [TrackSegment.Straight(4)]));
        }

        var table = RandomTable(style, rng, camAt, camHeading);
        var signs = new List<SignPlacement>();
        var count = rng.PickWeighted<int>([(0, 0.04), (1, 0.24), (2, 0.26), (3, 0.2), (4, 0.13), (5, 0.08), (6, 0.05)]);
        for (var i = 0; i < count; i++)
        {
            var kind = rng.Chance(0.64) ? RandomTarget(rng) : rng.Pick(SignKinds.Distractors);
            if (PlaceBesideTrack(rng, camera, track, cameraS, tracks, signs, kind) is { } sign) signs.Add(sign);
        }

        var props = new List<Prop>();
        if (rng.Chance(style.PropChance)) AddProps(rng, camera, tracks, signs, props);

        return new Scene(camera, table, tracks, signs, new RoomBackdrop(style.Name, rng.NextUInt64(), rng.Range(style.WallDistance.Min, style.WallDistance.Max))
        {
            Rotation = rng.Range(0, 2 * Math.PI),
        })
        {
            Style = style.Name,
            TrackLook = RandomTrackLook(rng),
            Props = props,
            Lighting = RandomLighting(rng),
            Effects = RandomEffects(style, rng),
            NoiseSeed = rng.NextUInt64(),
        };
    }

    private static Scene CloseUp(SceneStyle style, DeterministicRandom rng)
    {
        var heading = Math.PI / 2;
        var widthPx = rng.Range(50, 150);
        var distance = ReferenceFocal * PlateSize / widthPx;
        var camHeight = rng.Range(0.045, 0.07);
        var camera = CameraPose.OnTrain(new Vec2(0, 0), heading + rng.Normal(0, 0.03), camHeight, rng.Normal(0, 0.05), rng.Normal(0, 0.03));
        var signs = new List<SignPlacement>();
        var kind = rng.Chance(0.7) ? RandomTarget(rng) : rng.Pick(SignKinds.Distractors);
        var lateral = rng.Range(-0.4, 0.4) * distance;
        var at = new Vec2(lateral, distance);
        signs.Add(RandomSign(rng, kind, at, Math.Atan2(-at.Y, -at.X) + Math.Clamp(rng.Normal(0, 0.35), -1.0, 1.0)));
        if (rng.Chance(0.3))
        {
            var kind2 = rng.Chance(0.5) ? rng.Pick(SignKinds.Targets) : rng.Pick(SignKinds.Distractors);
            var at2 = new Vec2(lateral + (rng.Chance(0.5) ? 1 : -1) * rng.Range(0.03, 0.06), distance * rng.Range(1.0, 1.8));
            signs.Add(RandomSign(rng, kind2, at2, Math.Atan2(-at2.Y, -at2.X) + rng.Normal(0, 0.3)));
        }

        var colour = rng.Pick(style.PlainBackgrounds);
        var backdrop = new PlainBackdrop(Jitter(rng, colour, 15), Jitter(rng, RoomScale(colour, rng.Range(0.75, 1.05)), 15), rng.Range(0, 0.03), rng.NextUInt64());
        var table = RandomTable(style, rng, new Vec2(0, 0), heading) with { Max = new Vec2(1, distance + rng.Range(0.02, 0.3)) };
        return new Scene(camera, table, [], signs, backdrop)
        {
            Style = style.Name,
            Lighting = RandomLighting(rng),
            Effects = RandomEffects(style, rng) with { MotionBlur = 0, Defocus = rng.Range(0, 1.0) },
            NoiseSeed = rng.NextUInt64(),
        };
    }

    /// <summary>
    /// How often each target is drawn: speed limits and danger signs are what the real photos mostly show, so they
    /// get more samples. Every target needs a share (a test holds it to <see cref="SignKinds.Targets"/>).
    /// </summary>
    internal static IReadOnlyList<(SignKind Kind, double Share)> TargetShares { get; } =
    [
        (SignKind.Stop, 0.16), (SignKind.NoEntry, 0.14), (SignKind.SpeedLimit30, 0.22), (SignKind.SpeedLimit50, 0.22), (SignKind.Danger, 0.26),
    ];

    private static SignKind RandomTarget(DeterministicRandom rng) => rng.PickWeighted(TargetShares);

    private static TrackLayout RandomTrack(DeterministicRandom rng)
    {
        var segments = new List<TrackSegment>();
        var first = rng.Range(0.1, 2.0);
        if (rng.Chance(0.3))
        {
            segments.Add(TrackSegment.Curve(RandomRadius(rng), (rng.Chance(0.5) ? 1 : -1) * rng.Range(0.3, 1.6)));
        }
        else
        {
            segments.Add(TrackSegment.Straight(0.5 + first));
        }

        for (var i = 0; i < 3; i++)
        {
            segments.Add(rng.Chance(0.5)
                ? TrackSegment.Curve(RandomRadius(rng), (rng.Chance(0.5) ? 1 : -1) * rng.Range(0.4, 1.6))
                : TrackSegment.Straight(rng.Range(0.2, 1.2)));
        }

        return new TrackLayout(new Vec2(0, -0.5), Math.PI / 2, segments);
    }

    private static double RandomRadius(DeterministicRandom rng) => rng.PickWeighted<double>([(0.32, 0.6), (0.40, 0.2), (0.56, 0.1), (0.72, 0.1)]);

    private static SignPlacement? PlaceBesideTrack(DeterministicRandom rng, CameraPose camera, TrackLayout track, double cameraS,
        IReadOnlyList<TrackLayout> tracks, IReadOnlyList<SignPlacement> placed, SignKind kind)
    {
        var pinhole = new PinholeCamera(camera, 640, 480, 60);
        for (var attempt = 0; attempt < 12; attempt++)
        {
            var widthPx = Math.Clamp(rng.LogNormal(27, 0.55), 7, 150);
            var distance = ReferenceFocal * PlateSize / widthPx;
            Vec2 at;
            if (rng.Chance(0.7))
            {
                var (p, h) = track.PoseAt(cameraS + distance * rng.Range(0.9, 1.05));
                var side = rng.Chance(0.5) ? 1 : -1;
                at = p + Vec2.FromAngle(h + side * Math.PI / 2) * rng.Range(0.05, 0.14);
            }
            else
            {
                var u = rng.Range(-0.05, 1.05) * 640;
                var angle = camera.Heading - Math.Atan((u - 320) / ReferenceFocal);
                at = new Vec2(camera.Position.X, camera.Position.Y) + Vec2.FromAngle(angle) * distance;
            }

            if (tracks.Any(t => t.DistanceTo(at) < 0.045)) continue;
            if (placed.Any(s => (s.At - at).Length < 0.028)) continue;
            if (!pinhole.TryProject(new Vec3(at.X, at.Y, 0.055), out var pu, out _, out _) || pu < -20 || pu > 660) continue;

            var toCamera = Math.Atan2(camera.Position.Y - at.Y, camera.Position.X - at.X);
            var yaw = Math.Clamp(rng.Normal(0, 0.4), -1.05, 1.05);
            if (rng.Chance(0.04)) yaw += Math.PI; // seen from behind: no face, nothing to label
            return RandomSign(rng, kind, at, toCamera + yaw);
        }

        return null;
    }

    private static SignPlacement RandomSign(DeterministicRandom rng, SignKind kind, Vec2 at, double facing) =>
        new(kind, at, facing)
        {
            Pictogram = rng.Pick(Enum.GetValues<DangerPictogram>()),
            PrintVariant = rng.Next(0, SignFaces.PrintVariants),
            FaceHeight = rng.Range(0.048, 0.066),
            Lean = rng.Normal(0, 0.07),
            Scale = rng.Normal(1.0, 0.03),
            PrintBrightness = rng.Range(0.8, 1.1),
            PrintTint = new Scalar(rng.Range(0.82, 1.15), rng.Range(0.88, 1.1), rng.Range(0.88, 1.15)),
            Gloss = rng.Chance(0.3) ? rng.Range(0.1, 0.6) : 0,
        };

    private static void AddProps(DeterministicRandom rng, CameraPose camera, IReadOnlyList<TrackLayout> tracks, IReadOnlyList<SignPlacement> signs, List<Prop> props)
    {
        var cam = new Vec2(camera.Position.X, camera.Position.Y);
        var n = rng.Next(1, 6);
        for (var i = 0; i < n; i++)
        {
            Vec2 at;
            if (signs.Count > 0 && rng.Chance(0.35))
            {
                // In front of a sign, partly across the line of sight: partial occlusion.
                var target = rng.Pick(signs);
                var t = rng.Range(0.55, 0.85);
                var along = target.At - cam;
                var across = Vec2.FromAngle(Math.Atan2(along.Y, along.X) + Math.PI / 2);
                at = cam + along * t + across * rng.Range(-0.025, 0.025);
            }
            else
            {
                var angle = camera.Heading + rng.Range(-0.6, 0.6);
                at = cam + Vec2.FromAngle(angle) * rng.Range(0.2, 2.0);
            }

            if (tracks.Any(tr => tr.DistanceTo(at) < 0.06)) continue;
            var colour = rng.Pick(LegoPalette.BrickColours);
            var kind = rng.PickWeighted<PropKind>([(PropKind.Brick, 0.6), (PropKind.Tree, 0.2), (PropKind.Minifigure, 0.2)]);
            var studs = rng.Chance(0.8);
            var w = rng.Range(0.016, 0.1);
            var h = kind switch
            {
                PropKind.Tree => rng.Range(0.05, 0.14),
                PropKind.Minifigure => 0.04,
                _ => studs ? rng.Range(0.0096, 0.06) : rng.Range(0.01, 0.12),
            };
            var accent = kind == PropKind.Tree
                ? new Scalar(rng.Range(30, 60), rng.Range(100, 150), rng.Range(30, 70))
                : rng.Pick(LegoPalette.BrickColours);
            props.Add(new Prop(at, kind == PropKind.Tree ? rng.Range(0.03, 0.07) : w, rng.Range(0.016, 0.08), h, rng.Range(0, Math.PI), colour)
            {
                Studs = studs,
                Kind = kind,
                Accent = accent,
            });
        }
    }

    private static TableSpec RandomTable(SceneStyle style, DeterministicRandom rng, Vec2 camAt, double heading)
    {
        var material = rng.PickWeighted(style.Tables);
        var colour = material switch
        {
            TableMaterial.Black => Scalar.All(rng.Range(18, 40)),
            TableMaterial.DarkBrown => new Scalar(rng.Range(25, 40), rng.Range(38, 55), rng.Range(55, 80)),
            TableMaterial.Wood => new Scalar(rng.Range(45, 75), rng.Range(68, 98), rng.Range(88, 128)),
            TableMaterial.DarkGrey => Scalar.All(rng.Range(45, 75)),
            _ => rng.Pick<Scalar>([new(40, 70, 40), new(80, 50, 35), new(60, 60, 60)]),
        };
        var ahead = rng.Range(0.6, 3.0);
        var fwd = Vec2.FromAngle(heading);
        var far = camAt + fwd * ahead;
        var min = new Vec2(Math.Min(camAt.X, far.X) - rng.Range(0.4, 1.5), Math.Min(camAt.Y, far.Y) - rng.Range(0.4, 1.5));
        var max = new Vec2(Math.Max(camAt.X, far.X) + rng.Range(0.4, 1.5), Math.Max(camAt.Y, far.Y) + rng.Range(0.4, 1.5));
        var gloss = material switch
        {
            TableMaterial.Black or TableMaterial.DarkBrown => rng.Chance(0.5) ? rng.Range(0.05, 0.35) : 0,
            TableMaterial.Wood => rng.Chance(0.3) ? rng.Range(0.05, 0.2) : 0,
            _ => 0,
        };
        return new TableSpec(material, colour, min, max, rng.NextUInt64()) { Gloss = gloss };
    }

    private static TrackLook RandomTrackLook(DeterministicRandom rng)
    {
        var grey = rng.PickWeighted<double>([(100, 0.7), (150, 0.2), (75, 0.1)]) * rng.Range(0.9, 1.1);
        return new TrackLook(new Scalar(grey, grey * 1.02, grey * 0.98), new Scalar(grey * 0.97, grey, grey * 0.97));
    }

    private static Lighting RandomLighting(DeterministicRandom rng) =>
        new(new Scalar(1, 1, 1), rng.Range(0.55, 0.85), rng.Range(0.15, 0.5), rng.Range(0, 2 * Math.PI), rng.Range(0.3, 1.2));

    private static CameraEffects RandomEffects(SceneStyle style, DeterministicRandom rng)
    {
        var kelvin = rng.Range(style.Kelvin.Min, style.Kelvin.Max);
        var cast = LightColour.Gains(kelvin, rng.Range(style.CastStrength.Min, style.CastStrength.Max));
        // White-balance error of the camera itself, on top of what it left of the light's colour: the train's
        // webcam makes grey track look light blue (B/G about 1.0-1.1 in its frames, 0.85 on a phone).
        var blue = rng.Range(style.BlueGain.Min, style.BlueGain.Max);
        var red = rng.Range(0.9, 1.1);
        cast = new Scalar(cast.Val0 * style.Tint.Val0 * blue, cast.Val1 * style.Tint.Val1, cast.Val2 * style.Tint.Val2 * red);
        var noise = rng.Range(style.Noise.Min, style.Noise.Max);
        var defocus = rng.NextDouble();
        var exposure = rng.Range(style.Exposure.Min, style.Exposure.Max);
        // Auto-exposure metering for the dark table blows out windows and white walls in real frames.
        if (rng.Chance(style.BlowOutChance)) exposure *= rng.Range(1.15, 1.6);
        var jpeg = rng.Chance(0.5) ? rng.Next(35, 90) : 0;
        return new CameraEffects
        {
            Exposure = exposure,
            ColourCast = cast,
            Gamma = rng.Range(0.9, 1.15),
            Contrast = rng.Range(style.Contrast.Min, style.Contrast.Max),
            Haze = rng.Chance(style.HazeChance) ? rng.Range(0.05, style.HazeMax) : 0,
            HazeColour = Scalar.All(rng.Range(170, 235)),
            Defocus = (defocus * defocus * (style.DefocusMax - style.DefocusMin)) + style.DefocusMin,
            MotionBlur = rng.Chance(style.MotionBlurChance) ? rng.Range(1.5, style.MotionBlurMax) : 0,
            MotionAngle = rng.Normal(0, 0.3),
            Noise = noise,
            ChromaNoise = noise * rng.Range(0.2, 0.8),
            Vignette = rng.Range(style.Vignette.Min, style.Vignette.Max),
            Sharpen = rng.Chance(0.5) ? rng.Range(0.1, 0.7) : 0,
            Resolution = rng.Chance(style.SoftChance) ? rng.Range(style.SoftResolution.Min, style.SoftResolution.Max) : 1.0,
            JpegQuality = jpeg,
            WebPQuality = jpeg == 0 && rng.Chance(0.4) ? rng.Next(30, 90) : 0,
            Saturation = rng.Range(style.Saturation.Min, style.Saturation.Max),
            ToneCurve = rng.Chance(style.ToneCurveChance) ? rng.Range(0.2, 1.0) : 0,
            BlackLevel = rng.Chance(0.5) ? rng.Range(0, 0.06) : 0,
            ChromaticAberration = rng.Chance(0.4) ? rng.Range(0.3, 2.0) : 0,
        };
    }

    private static Scalar Jitter(DeterministicRandom rng, Scalar c, double amount) =>
        new(Math.Clamp(c.Val0 + rng.Normal(0, amount), 0, 255), Math.Clamp(c.Val1 + rng.Normal(0, amount), 0, 255), Math.Clamp(c.Val2 + rng.Normal(0, amount), 0, 255));

    private static Scalar RoomScale(Scalar c, double f) => new(Math.Min(255, c.Val0 * f), Math.Min(255, c.Val1 * f), Math.Min(255, c.Val2 * f));
}
