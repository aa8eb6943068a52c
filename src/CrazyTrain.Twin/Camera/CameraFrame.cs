namespace CrazyTrain.Twin.Camera;

/// <summary>
/// One rendered frame: its number, the JPEG, the simulated time it shows, and the widest visible target sign
/// (pixels; 0 when none), which tells when a sign first became big enough to be seen (reaction time).
/// </summary>
public sealed record CameraFrame(long Sequence, byte[] Jpeg, TimeSpan Simulated, double PositionCm, IReadOnlyList<(string Label, double WidthPx)> Targets);
