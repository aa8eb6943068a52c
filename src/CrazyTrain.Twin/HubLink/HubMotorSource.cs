using CrazyTrain.LegoWireless.Virtual;
using CrazyTrain.Twin.World;

namespace CrazyTrain.Twin.HubLink;

/// <summary>The train's motor takes exactly the power the virtual hub holds on port A (0 once its central is gone).</summary>
internal sealed class HubMotorSource(VirtualCityHub hub) : IMotorSource
{
    public (sbyte Power, bool Connected) Read() => (hub.MotorPowerApplied, hub.IsConnected);
}
