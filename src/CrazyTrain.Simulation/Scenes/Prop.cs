using CrazyTrain.Simulation.Geometry;
using OpenCvSharp;

namespace CrazyTrain.Simulation.Scenes;

/// <summary>
/// A box-shaped thing on the table (a brick stack, a LEGO house, a book, a tree block) that can hide signs.
/// <see cref="At"/> is the centre of its footprint; sizes in metres; <see cref="Heading"/> turns it.
/// </summary>
public sealed record Prop(Vec2 At, double Width, double Depth, double Height, double Heading, Scalar Colour)
{
    /// <summary>LEGO studs on the top face (bricks) or not (books, boxes).</summary>
    public bool Studs { get; init; } = true;
}
