using CrazyTrain.Twin.World;

namespace CrazyTrain.Twin.Api;

/// <summary>The JSON shape of <c>GET /api/twin</c> (docs/twin.md).</summary>
public sealed record TwinView(TwinTrainView Train, TwinHubView Hub, NextSignView? NextSign, LayoutView Layout, CameraView Camera, IReadOnlyList<TwinEvent> Events)
{
    public static TwinView From(TwinSnapshot s, TwinWorld world, CameraView camera) => new(
        new TwinTrainView(Math.Round(s.PositionCm, 2), Math.Round(s.SpeedCmPerS, 2), s.Lap, Math.Round(s.Pose.XCm, 2), Math.Round(s.Pose.YCm, 2), Math.Round(s.Pose.Heading, 4)),
        new TwinHubView(s.HubConnected, s.MotorPower),
        s.NextSign is { } sign ? new NextSignView(sign.Label, sign.PositionCm, Math.Round(s.NextSignDistanceCm!.Value, 2)) : null,
        new LayoutView(world.Layout.Notation, Math.Round(world.Layout.LengthCm, 2), world.Lineside.Signs.Count),
        camera,
        s.Events);
}

/// <summary>Position along the loop (cm from the start of the first piece), speed (negative in reverse), laps completed, pose on the table.</summary>
public sealed record TwinTrainView(double PositionCm, double SpeedCmPerS, int Lap, double XCm, double YCm, double Heading);

/// <summary>Whether a controller holds the hub, and the motor power the hub holds in LWP3 terms: 0 float, 127 brake, 1..100 forward.</summary>
public sealed record TwinHubView(bool Connected, int MotorPower);

public sealed record NextSignView(string Label, double PositionCm, double DistanceCm);

public sealed record LayoutView(string Notation, double LengthCm, int Signs);

/// <summary>
/// The virtual camera: whether a client streams, its frame rate in simulated time, the rate the renderer held in real
/// time, and so how fast simulated time runs (held / target, at most 1) while it streams.
/// </summary>
public sealed record CameraView(bool Streaming, double FramesPerSecond, double HeldFramesPerSecond, double TimeScale, long Frames);
