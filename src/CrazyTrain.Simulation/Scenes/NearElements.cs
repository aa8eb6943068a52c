namespace CrazyTrain.Simulation.Scenes;

/// <summary>
/// A wax-print cloth hanging right in front of the train's camera on one side of the frame (a chair's throw, a
/// curtain, a sleeve), so close that it is strongly out of focus and its pattern is huge. Sizes are fractions of the
/// frame so the same scene renders alike at any resolution.
/// </summary>
/// <param name="Left">Which side of the frame the cloth fills.</param>
/// <param name="Width">How far it reaches into the frame (0.10-0.35 of the width) at mid-height.</param>
/// <param name="Bottom">Where its lower hem is (1 = full height, ~0.55-0.8 = the upper part only).</param>
/// <param name="Slant">Tilt of its edge: horizontal shift from top to bottom, as a fraction of the width.</param>
/// <param name="Blur">Defocus of the cloth, as a fraction of the width (Gaussian sigma).</param>
/// <param name="PatternScale">Motif spacing as a fraction of the width (big: the cloth is near).</param>
/// <param name="Brightness">Light on the cloth relative to the room (it is often in the table's shadow).</param>
/// <param name="PatternSeed">Seeds the cloth's design.</param>
public sealed record NearCloth(bool Left, double Width, double Bottom, double Slant, double Blur, double PatternScale, double Brightness, ulong PatternSeed);

/// <summary>The train's own nose at the bottom edge of its camera's frame: a rounded bonnet, grey bricks, a buffer.</summary>
/// <param name="Centre">Horizontal centre of the bonnet, a fraction of the width (often off-centre).</param>
/// <param name="Width">Width of the bonnet, a fraction of the frame width.</param>
/// <param name="Height">How far it rises into the frame, a fraction of the height (0.05-0.2).</param>
/// <param name="Colour">Which paint: 0 lime, 1 yellowish green, 2 yellow.</param>
/// <param name="GreyBricks">Grey bricks beside the bonnet.</param>
/// <param name="Buffer">A black buffer in front of the bonnet.</param>
/// <param name="Blur">Softness (Gaussian sigma) as a fraction of the width: it is nearer than the focus.</param>
public sealed record TrainNose(double Centre, double Width, double Height, int Colour, bool GreyBricks, bool Buffer, double Blur);
