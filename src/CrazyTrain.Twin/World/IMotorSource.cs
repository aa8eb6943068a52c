namespace CrazyTrain.Twin.World;

/// <summary>What drives the train's motor: the power the hub holds (LWP3 terms) and whether a controller is connected to it.</summary>
public interface IMotorSource
{
    (sbyte Power, bool Connected) Read();
}
