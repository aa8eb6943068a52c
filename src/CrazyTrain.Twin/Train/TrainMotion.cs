namespace CrazyTrain.Twin.Train;

/// <summary>
/// Where the train is and how fast it goes: <see cref="OdometerCm"/> is the distance run since the start of the
/// episode along the track (negative when it backed past its start), <see cref="SpeedCmPerS"/> negative in reverse.
/// </summary>
public readonly record struct TrainMotion(double OdometerCm, double SpeedCmPerS)
{
    public bool AtStandstill => SpeedCmPerS == 0;
}
