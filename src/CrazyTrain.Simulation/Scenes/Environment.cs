using CrazyTrain.Simulation.Geometry;
using OpenCvSharp;

namespace CrazyTrain.Simulation.Scenes;

public enum TableMaterial
{
    Black,
    DarkBrown,
    Wood,
    DarkGrey,
    Felt,
}

/// <summary>The table top: a rectangle of the table plane (world metres) and its finish.</summary>
public sealed record TableSpec(TableMaterial Material, Scalar Colour, Vec2 Min, Vec2 Max, ulong Seed)
{
    /// <summary>Strength of the blurred reflection of windows and lamps on a glossy top (0 = matte).</summary>
    public double Gloss { get; init; }
}

/// <summary>Colours of the track: modern LEGO City track is dark bluish grey, older sets lighter grey.</summary>
public sealed record TrackLook(Scalar Rail, Scalar Sleeper)
{
    public static TrackLook DarkBluishGray { get; } = new(new Scalar(100, 104, 100), new Scalar(98, 102, 98));
}

/// <summary>What is seen above and beyond the table.</summary>
public abstract record Backdrop;

/// <summary>
/// An ordinary box-shaped room around the table, walls about <see cref="WallDistance"/> metres away;
/// <see cref="Style"/> chooses its family (colours, furniture, windows, lamps).
/// </summary>
public sealed record RoomBackdrop(string Style, ulong Seed, double WallDistance) : Backdrop
{
    /// <summary>Turn of the room about its centre (radians).</summary>
    public double Rotation { get; init; }

    /// <summary>Centre of the room on the table plane; null places it near the origin (seeded).</summary>
    public Vec2? Centre { get; init; }

    /// <summary>Floor size (metres along X and Y before rotation); null derives it from the wall distance.</summary>
    public Vec2? Size { get; init; }
}

/// <summary>A plain sheet (wall, cardboard, cloth) close behind a sign, for close-up frames.</summary>
public sealed record PlainBackdrop(Scalar Top, Scalar Bottom, double Texture, ulong Seed) : Backdrop;

/// <summary>Scene light: a colour (channel gains near 1), ambient and directional parts, a direction.</summary>
public sealed record Lighting(Scalar Colour, double Ambient, double Directional, double Azimuth, double Elevation)
{
    public static Lighting Neutral { get; } = new(new Scalar(1, 1, 1), 0.75, 0.35, 1.0, 0.8);

    public Vec3 Direction
    {
        get
        {
            var (sa, ca) = Math.SinCos(Azimuth);
            var (se, ce) = Math.SinCos(Elevation);
            return new Vec3(ca * ce, sa * ce, se);
        }
    }

    /// <summary>Brightness factor of a surface with the given normal.</summary>
    public double Shade(Vec3 normal) => Ambient + Directional * Math.Max(0, normal.Dot(Direction));
}

/// <summary>What the webcam does to the picture after the light reaches it.</summary>
public sealed record CameraEffects
{
    public static CameraEffects None { get; } = new();

    /// <summary>Overall gain (auto-exposure error).</summary>
    public double Exposure { get; init; } = 1.0;

    /// <summary>Per-channel gains (B, G, R) left after imperfect white balance.</summary>
    public Scalar ColourCast { get; init; } = new(1, 1, 1);

    public double Gamma { get; init; } = 1.0;

    /// <summary>Contrast about mid-grey (1 = unchanged, lower = flat).</summary>
    public double Contrast { get; init; } = 1.0;

    /// <summary>Blend towards <see cref="HazeColour"/> (0..1), stronger in the distance.</summary>
    public double Haze { get; init; }

    public Scalar HazeColour { get; init; } = new(200, 200, 200);

    /// <summary>Gaussian defocus sigma in output pixels.</summary>
    public double Defocus { get; init; }

    /// <summary>Motion blur streak length in output pixels and its direction.</summary>
    public double MotionBlur { get; init; }

    public double MotionAngle { get; init; }

    /// <summary>Sensor noise standard deviation (0-255 scale) and its colour part.</summary>
    public double Noise { get; init; }

    public double ChromaNoise { get; init; }

    /// <summary>Darkening towards the corners (0..1).</summary>
    public double Vignette { get; init; }

    /// <summary>Unsharp-mask strength of the webcam's own sharpening (halos).</summary>
    public double Sharpen { get; init; }

    /// <summary>Scale at which the sensor really resolves (1 = full; 0.6 = soft webcam).</summary>
    public double Resolution { get; init; } = 1.0;

    /// <summary>Quality of an extra JPEG round trip as the camera's own compression (0 = none).</summary>
    public int JpegQuality { get; init; }

    /// <summary>Quality of a WebP round trip (0 = none): the original train camera sent its frames as WebP.</summary>
    public int WebPQuality { get; init; }

    /// <summary>Colour saturation about each pixel's grey (1 = unchanged, lower = washed out, higher = vivid).</summary>
    public double Saturation { get; init; } = 1.0;

    /// <summary>
    /// Blend (0..1) towards a smoothstep tone curve: deeper shadows and brighter highlights, the punchier look of a
    /// webcam's or phone's tone mapping (real frames are more contrasted than flat renders).
    /// </summary>
    public double ToneCurve { get; init; }

    /// <summary>Black level subtracted before the tone curve (0..1 of full scale): true blacks in dark corners.</summary>
    public double BlackLevel { get; init; }

    /// <summary>Lateral chromatic aberration: red and blue shifted apart by this many pixels at the corners.</summary>
    public double ChromaticAberration { get; init; }
}
