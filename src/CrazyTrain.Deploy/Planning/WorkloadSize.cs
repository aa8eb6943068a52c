namespace CrazyTrain.Deploy.Planning;

/// <summary>
/// Requests and limits. The manifest says nothing about size, so these are the train's own numbers: a Jetson Orin
/// Nano has 6 cores and 8 GB shared with the GPU, and everything below fits on it together with MicroShift.
/// </summary>
internal sealed record WorkloadSize(string CpuRequest, string MemoryRequest, string CpuLimit, string MemoryLimit, string VolumeSize)
{
    /// <summary>A service that only moves messages (controller, console, anything new).</summary>
    public static readonly WorkloadSize Small = new("50m", "128Mi", "500m", "384Mi", "1Gi");

    private static readonly Dictionary<string, WorkloadSize> ByName = new(StringComparer.Ordinal)
    {
        // JPEG encoding at 10 frames per second.
        ["capture"] = new("200m", "192Mi", "1", "512Mi", "1Gi"),

        // ONNX Runtime's arena and the model; on the CPU (simulation) it takes what it can.
        ["inference"] = new("500m", "512Mi", "2", "1536Mi", "1Gi"),

        // Kafka's start script asks for a 1 GiB heap; frames are kept for an hour only.
        ["kafka"] = new("250m", "1280Mi", "1", "1536Mi", "5Gi"),
    };

    public static WorkloadSize For(string name) => ByName.GetValueOrDefault(name, Small);
}
