using OpenCvSharp;

namespace CrazyTrain.Simulation.Signs;

/// <summary>
/// A printed sign face: a mip chain of BGRA images (alpha = plate outline) and the exact outline as a
/// polygon in texture-normalised coordinates ([0,1] x [0,1], y down), used for exact boxes.
/// </summary>
public sealed class FaceTexture
{
    internal FaceTexture(IReadOnlyList<Mat> levels, IReadOnlyList<Point2d> outline, double widthMetres, double heightMetres, Scalar plateColour)
    {
        Levels = levels;
        Outline = outline;
        WidthMetres = widthMetres;
        HeightMetres = heightMetres;
        PlateColour = plateColour;
    }

    /// <summary>Level 0 is the sharpest; each next level halves both sides.</summary>
    public IReadOnlyList<Mat> Levels { get; }

    public IReadOnlyList<Point2d> Outline { get; }

    public double WidthMetres { get; }

    public double HeightMetres { get; }

    /// <summary>Colour of the bare plastic (the plate's edge and back).</summary>
    public Scalar PlateColour { get; }

    /// <summary>The smallest level still at least <paramref name="pixels"/> wide, so warping never aliases.</summary>
    public Mat LevelFor(double pixels)
    {
        var chosen = 0;
        var width = Levels[0].Width;
        for (var i = 1; i < Levels.Count; i++)
        {
            width /= 2;
            if (width < pixels) break;
            chosen = i;
        }

        return Levels[chosen];
    }
}
