namespace CrazyTrain.LegoWireless.Protocol;

/// <summary>The single LWP3 GATT service and characteristic (spec 3), and LEGO's company id in advertising.</summary>
public static class LwpUuids
{
    public const string HubService = "00001623-1212-efde-1623-785feabcd123";
    public const string HubCharacteristic = "00001624-1212-efde-1623-785feabcd123";
    public const ushort LegoCompanyId = 0x0397;
}
