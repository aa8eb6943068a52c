using CrazyTrain.Simulation.Geometry;
using CrazyTrain.Simulation.Signs;
using OpenCvSharp;

namespace CrazyTrain.Simulation.Scenes;

/// <summary>
/// One LEGO sign standing on the table: a light-grey 2x2 base at <see cref="At"/>, a black lamp-post pole
/// and the printed plate at <see cref="FaceHeight"/> (centre, metres). <see cref="Facing"/> is the direction
/// the printed face looks towards (radians, counter-clockwise from +X).
/// </summary>
public sealed record SignPlacement(SignKind Kind, Vec2 At, double Facing)
{
    public DangerPictogram Pictogram { get; init; } = DangerPictogram.Exclamation;

    public double FaceHeight { get; init; } = 0.056;

    /// <summary>Which print of the design (see <see cref="SignFaces.PrintVariants"/>).</summary>
    public int PrintVariant { get; init; }

    /// <summary>Tilt of the plate about its vertical axis relative to the pole, from a loose clip (radians).</summary>
    public double Lean { get; init; }

    /// <summary>Scale of the whole sign (1 = LEGO 2x2 plate); close to 1 for real LEGO.</summary>
    public double Scale { get; init; } = 1.0;

    /// <summary>Multiplies the face colours: print and plastic differ a little from batch to batch.</summary>
    public double PrintBrightness { get; init; } = 1.0;

    /// <summary>
    /// Per-channel gains (B, G, R) of the print under the room's light as the camera sees it: in real photos a red
    /// ring ranges from red to pink, brown or orange and white from grey to cream or bluish.
    /// </summary>
    public Scalar PrintTint { get; init; } = new(1, 1, 1);

    /// <summary>Strength of a specular highlight on the glossy plate (0 = none).</summary>
    public double Gloss { get; init; }

    /// <summary>False for a bare plate (no pole, no base), e.g. held in front of the camera.</summary>
    public bool Mounted { get; init; } = true;
}
