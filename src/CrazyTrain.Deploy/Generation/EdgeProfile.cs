namespace CrazyTrain.Deploy.Generation;

/// <summary>
/// What a resource needs from the Jetson beyond the manifest. The manifest cannot say "this service owns the
/// camera", so this table does; a resource it does not name (a new service) runs restricted on the arm64 node.
/// </summary>
internal sealed record EdgeProfile(bool Camera, bool Bluetooth, bool Gpu, int? RunAsUser, bool ServesPeople = false)
{
    public const string CameraDevice = "/dev/video0";
    public const string DbusFolder = "/run/dbus";
    public const string DbusAddress = "unix:path=/run/dbus/system_bus_socket";
    public const string RuntimeClass = "nvidia";
    public const string GpuResource = "nvidia.com/gpu";

    /// <summary>The CDI name the NVIDIA container toolkit gives a Jetson's integrated GPU.</summary>
    public const string VisibleDevices = "nvidia.com/gpu=all";

    public const string ServiceAccount = "crazytrain-edge";
    public const string SecurityContextConstraints = "crazytrain-edge";
    public const string StorageClass = "topolvm-provisioner";
    public const string Architecture = "arm64";

    /// <summary>The inference image built on JetPack (deploy/images/inference-jetson), with ONNX Runtime for CUDA on arm64.</summary>
    public const string JetsonImageSuffix = "-jetson";

    private static readonly EdgeProfile Plain = new(false, false, false, null);

    private static readonly Dictionary<string, EdgeProfile> ByName = new(StringComparer.Ordinal)
    {
        // The USB camera is a character device; V4L2 needs root and the device cgroup rule privileged gives.
        ["capture"] = new(Camera: true, Bluetooth: false, Gpu: false, RunAsUser: 0),

        // BlueZ answers only root (its D-Bus policy) and SELinux keeps unprivileged pods off the host's socket.
        ["controller"] = new(Camera: false, Bluetooth: true, Gpu: false, RunAsUser: 0),

        ["inference"] = new(Camera: false, Bluetooth: false, Gpu: true, RunAsUser: null),

        // The operator console is what people open: it gets a Route even if the AppHost forgets WithExternalHttpEndpoints.
        ["console"] = new(Camera: false, Bluetooth: false, Gpu: false, RunAsUser: null, ServesPeople: true),
    };

    public static EdgeProfile For(string name) => ByName.GetValueOrDefault(name, Plain);

    public bool Privileged => Camera || Bluetooth;

    /// <summary>Pods that step outside restricted-v2 run under the ServiceAccount allowed to use the edge SCC.</summary>
    public bool NeedsServiceAccount => Privileged || RunAsUser is not null;
}
