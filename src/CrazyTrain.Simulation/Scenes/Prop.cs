using CrazyTrain.Simulation.Geometry;
using OpenCvSharp;

namespace CrazyTrain.Simulation.Scenes;

/// <summary>What a prop looks like.</summary>
public enum PropKind
{
    /// <summary>A brick stack, house block, book or box.</summary>
    Brick,

    /// <summary>A LEGO tree: brown trunk, round green crown.</summary>
    Tree,

    /// <summary>A minifigure: legs, torso, yellow head (~4 cm).</summary>
    Minifigure,
}

/// <summary>
/// A thing on the table (a brick stack, a LEGO house, a book, a tree block) that can hide signs.
/// <see cref="At"/> is the centre of its footprint; sizes in metres; <see cref="Heading"/> turns it.
/// </summary>
public sealed record Prop(Vec2 At, double Width, double Depth, double Height, double Heading, Scalar Colour)
{
    /// <summary>LEGO studs on the top face (bricks) or not (books, boxes).</summary>
    public bool Studs { get; init; } = true;

    public PropKind Kind { get; init; } = PropKind.Brick;

    /// <summary>Second colour (a minifigure's torso, a tree's crown).</summary>
    public Scalar Accent { get; init; } = new(40, 120, 50);
}
