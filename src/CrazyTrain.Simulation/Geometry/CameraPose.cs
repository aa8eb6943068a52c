namespace CrazyTrain.Simulation.Geometry;

/// <summary>
/// Where the train's camera is and where it looks. Heading is the direction on the table in radians,
/// counter-clockwise from +X (so pi/2 looks along +Y); pitch is positive when looking up; roll turns the image
/// clockwise for positive values. Height above the table is <see cref="Position"/>.Z (about 0.05 m on a train).
/// </summary>
public sealed record CameraPose(Vec3 Position, double Heading, double Pitch = 0, double Roll = 0)
{
    /// <summary>A camera on the track at table point <paramref name="at"/>, looking along <paramref name="heading"/>.</summary>
    public static CameraPose OnTrain(Vec2 at, double heading, double height = 0.05, double pitch = 0, double roll = 0) =>
        new(new Vec3(at.X, at.Y, height), heading, pitch, roll);
}
