using Tmds.DBus.Protocol;

namespace CrazyTrain.LegoWireless.BlueZ;

/// <summary>The handful of BlueZ D-Bus calls the link needs, written against Tmds.DBus.Protocol directly.</summary>
internal sealed class BlueZBus(DBusConnection connection)
{
    public const string Service = "org.bluez";
    public const string AdapterInterface = "org.bluez.Adapter1";
    public const string DeviceInterface = "org.bluez.Device1";
    public const string CharacteristicInterface = "org.bluez.GattCharacteristic1";
    private const string PropertiesInterface = "org.freedesktop.DBus.Properties";
    private const string ObjectManagerInterface = "org.freedesktop.DBus.ObjectManager";

    public DBusConnection Connection => connection;

    /// <summary>Every BlueZ object with its interfaces and their properties.</summary>
    public Task<Dictionary<string, Dictionary<string, Dictionary<string, VariantValue>>>> GetManagedObjectsAsync()
    {
        using var writer = connection.GetMessageWriter();
        writer.WriteMethodCallHeader(Service, "/", ObjectManagerInterface, "GetManagedObjects");
        return connection.CallMethodAsync(writer.CreateMessage(), static (Message message, object? _) => ReadManagedObjects(message), null);
    }

    private static Dictionary<string, Dictionary<string, Dictionary<string, VariantValue>>> ReadManagedObjects(Message message)
    {
        var reader = message.GetBodyReader();
        var objects = new Dictionary<string, Dictionary<string, Dictionary<string, VariantValue>>>();
        var objectsEnd = reader.ReadDictionaryStart();
        while (reader.HasNext(objectsEnd))
        {
            var path = reader.ReadObjectPathAsString();
            var interfaces = new Dictionary<string, Dictionary<string, VariantValue>>();
            var interfacesEnd = reader.ReadDictionaryStart();
            while (reader.HasNext(interfacesEnd))
            {
                var name = reader.ReadString();
                interfaces[name] = reader.ReadDictionaryOfStringToVariantValue();
            }

            objects[path] = interfaces;
        }

        return objects;
    }

    /// <summary>A method without arguments or results (Connect, StartNotify, StartDiscovery...).</summary>
    public Task CallAsync(string path, string @interface, string member)
    {
        using var writer = connection.GetMessageWriter();
        writer.WriteMethodCallHeader(Service, path, @interface, member);
        return connection.CallMethodAsync(writer.CreateMessage());
    }

    public Task SetDiscoveryFilterAsync(string adapterPath, string serviceUuid)
    {
        using var writer = connection.GetMessageWriter();
        writer.WriteMethodCallHeader(Service, adapterPath, AdapterInterface, "SetDiscoveryFilter", "a{sv}");
        writer.WriteDictionary(new Dictionary<string, VariantValue>
        {
            ["UUIDs"] = VariantValue.Array(new[] { serviceUuid }),
            ["Transport"] = VariantValue.String("le"),
        });
        return connection.CallMethodAsync(writer.CreateMessage());
    }

    public Task WriteValueAsync(string characteristicPath, ReadOnlySpan<byte> value, string writeType)
    {
        using var writer = connection.GetMessageWriter();
        writer.WriteMethodCallHeader(Service, characteristicPath, CharacteristicInterface, "WriteValue", "aya{sv}");
        writer.WriteArray(value);
        writer.WriteDictionary(new Dictionary<string, VariantValue> { ["type"] = VariantValue.String(writeType) });
        return connection.CallMethodAsync(writer.CreateMessage());
    }

    /// <summary>Watches PropertiesChanged of one object; the returned handle stops watching.</summary>
    public async Task<IDisposable> WatchPropertiesAsync(string path, Action<string, Dictionary<string, VariantValue>> changed)
    {
        var rule = new MatchRule
        {
            Type = MessageType.Signal,
            Sender = Service,
            Path = path,
            Interface = PropertiesInterface,
            Member = "PropertiesChanged",
        };
        return await connection.AddMatchAsync(
            rule,
            static (Message message, object? _) =>
            {
                var reader = message.GetBodyReader();
                var @interface = reader.ReadString();
                return (Interface: @interface, Changed: reader.ReadDictionaryOfStringToVariantValue());
            },
            (Notification<(string Interface, Dictionary<string, VariantValue> Changed)> notification) =>
            {
                if (notification.HasValue)
                {
                    changed(notification.Value.Interface, notification.Value.Changed);
                }
            },
            emitOnCapturedContext: false,
            ObserverFlags.None).ConfigureAwait(false);
    }
}
