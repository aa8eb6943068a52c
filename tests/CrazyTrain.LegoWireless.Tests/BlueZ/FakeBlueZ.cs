using System.Diagnostics;
using Tmds.DBus.Protocol;

namespace CrazyTrain.LegoWireless.Tests.BlueZ;

/// <summary>
/// A private D-Bus (dbus-daemon) with python-dbusmock's bluez5 template on it, extended with a LEGO hub's GATT
/// service (lego_hub_bluez.py). Needs the Debian packages <c>dbus</c> and <c>python3-dbusmock</c>.
/// </summary>
public sealed class FakeBlueZ : IAsyncLifetime
{
    private const string MockInterface = "org.bluez.Mock";
    private Process? _daemon;
    private Process? _mock;
    private DBusConnection? _control;
    private int _adapters;

    /// <summary>Why the fake cannot run here, or null when it can.</summary>
    public static string? MissingReason { get; } = FindMissing();

    public static string? Python { get; private set; }

    public string Address { get; private set; } = "";

    private static string? FindMissing()
    {
        if (!File.Exists("/usr/bin/dbus-daemon") && !File.Exists("/bin/dbus-daemon"))
        {
            return "dbus-daemon is not installed (run: sudo apt-get install -y dbus python3-dbusmock)";
        }

        // Debian's python3-dbusmock lives in the system interpreter, not in a pyenv or venv one.
        foreach (var candidate in new[] { "/usr/bin/python3", "python3" })
        {
            try
            {
                using var probe = Process.Start(new ProcessStartInfo(candidate, ["-c", "import dbusmock.templates.bluez5, dbus"])
                {
                    RedirectStandardError = true,
                    RedirectStandardOutput = true,
                })!;
                probe.WaitForExit();
                if (probe.ExitCode == 0)
                {
                    Python = candidate;
                    return null;
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Not installed under that name; try the next one.
            }
        }

        return "python3-dbusmock is not installed (run: sudo apt-get install -y dbus python3-dbusmock)";
    }

    public async Task InitializeAsync()
    {
        if (MissingReason is not null)
        {
            // dotnet test installs both packages before these tests where it can (tests/Directory.Build.targets).
            throw new InvalidOperationException($"The fake BlueZ cannot start: {MissingReason}.");
        }

        _daemon = Process.Start(new ProcessStartInfo("dbus-daemon", ["--session", "--nofork", "--print-address=1"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        Address = (await _daemon.StandardOutput.ReadLineAsync())?.Trim()
            ?? throw new InvalidOperationException("dbus-daemon printed no address.");

        var template = Path.Combine(AppContext.BaseDirectory, "BlueZ", "lego_hub_bluez.py");
        var mockStart = new ProcessStartInfo(Python!, ["-m", "dbusmock", "--system", "--template", template])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        mockStart.Environment["DBUS_SYSTEM_BUS_ADDRESS"] = Address;
        _mock = Process.Start(mockStart)!;
        _mock.OutputDataReceived += (_, _) => { };
        _mock.ErrorDataReceived += (_, _) => { };
        _mock.BeginOutputReadLine();
        _mock.BeginErrorReadLine();

        _control = new DBusConnection(Address);
        await _control.ConnectAsync();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await CallAsync("/", "org.freedesktop.DBus.Introspectable", "Introspect", reader: static (m, _) => m.GetBodyReader().ReadString());
                break;
            }
            catch (DBusErrorReplyException) when (attempt < 200 && !_mock.HasExited)
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>A fresh adapter per test keeps tests apart on one bus.</summary>
    public async Task<string> AddAdapterAsync()
    {
        var name = $"hci{Interlocked.Increment(ref _adapters)}";
        await CallAsync("/", MockInterface, "AddAdapter", "ss", (ref MessageWriter w) => { w.WriteString(name); w.WriteString("crazytrain"); }, static (m, _) => m.GetBodyReader().ReadString());
        return name;
    }

    /// <summary>Adds a City hub; returns the object path of its LWP3 characteristic.</summary>
    public Task<string> AddLegoHubAsync(string adapter, string address, string name) =>
        CallAsync("/", MockInterface, "AddLegoHub", "sss", (ref MessageWriter w) => { w.WriteString(adapter); w.WriteString(address); w.WriteString(name); }, static (m, _) => m.GetBodyReader().ReadString());

    public Task AddPlainDeviceAsync(string adapter, string address, string name) =>
        CallAsync("/", MockInterface, "AddDevice", "sss", (ref MessageWriter w) => { w.WriteString(adapter); w.WriteString(address); w.WriteString(name); }, static (m, _) => m.GetBodyReader().ReadString());

    public Task NotifyAsync(string characteristicPath, byte[] value) =>
        CallAsync("/", MockInterface, "EmitHubNotification", "say", (ref MessageWriter w) => { w.WriteString(characteristicPath); w.WriteArray(value); }, static (_, _) => 0);

    public Task SetSilentAsync(string characteristicPath, bool silent) =>
        CallAsync("/", MockInterface, "SetHubSilent", "sb", (ref MessageWriter w) => { w.WriteString(characteristicPath); w.WriteBool(silent); }, static (_, _) => 0);

    public Task<List<byte[]>> TakeWritesAsync(string characteristicPath) =>
        CallAsync("/", MockInterface, "TakeHubWrites", "s", (ref MessageWriter w) => w.WriteString(characteristicPath), static (m, _) =>
        {
            var reader = m.GetBodyReader();
            var writes = new List<byte[]>();
            var end = reader.ReadArrayStart(DBusType.Array);
            while (reader.HasNext(end))
            {
                writes.Add(reader.ReadArrayOfByte());
            }

            return writes;
        });

    /// <summary>The hub goes out of range: BlueZ's Device1.Disconnect turns Connected false.</summary>
    public Task DropDeviceAsync(string devicePath) =>
        CallAsync(devicePath, "org.bluez.Device1", "Disconnect", reader: static (_, _) => 0);

    public static string DevicePath(string adapter, string address) => $"/org/bluez/{adapter}/dev_{address.Replace(':', '_')}";

    private Task<T> CallAsync<T>(string path, string @interface, string member, string? signature = null, WriteArguments? write = null, MessageValueReader<T>? reader = null)
    {
        var writer = _control!.GetMessageWriter();
        try
        {
        writer.WriteMethodCallHeader("org.bluez", path, @interface, member, signature);
        write?.Invoke(ref writer);
            return _control.CallMethodAsync(writer.CreateMessage(), reader!, null);
        }
        finally
        {
            writer.Dispose();
        }
    }

    /// <summary>MessageWriter is a struct: arguments must be written through a reference to the one in use.</summary>
    private delegate void WriteArguments(ref MessageWriter writer);

    public Task DisposeAsync()
    {
        _control?.Dispose();
        foreach (var process in new[] { _mock, _daemon })
        {
            if (process is { HasExited: false })
            {
                process.Kill();
                process.WaitForExit();
            }

            process?.Dispose();
        }

        return Task.CompletedTask;
    }
}
