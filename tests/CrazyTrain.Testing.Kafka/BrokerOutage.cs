using System.Reflection;
using System.Runtime.InteropServices;
using CrazyTrain.Messaging;

namespace CrazyTrain.Testing;

/// <summary>
/// Takes the development broker down and brings it back, with librdkafka's own mock-cluster fault injection
/// (<c>rd_kafka_handle_mock_cluster</c>, then <c>rd_kafka_mock_broker_set_down</c> / <c>_up</c>): connections are closed and new ones refused, the topics and
/// their messages stay. Reached through the librdkafka instance already loaded by Confluent.Kafka, so the calls go
/// to the same library (and the same cluster) as the clients under test.
/// </summary>
public sealed class BrokerOutage : IDisposable
{
    private const int BrokerId = 1;

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr ClusterOf(IntPtr client);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int SetBroker(IntPtr cluster, int brokerId);

    private readonly IntPtr _cluster;
    private readonly SetBroker _down;
    private readonly SetBroker _up;

    /// <summary>Takes the broker of <paramref name="cluster"/> down now; <see cref="Dispose"/> brings it back.</summary>
    public BrokerOutage(DevelopmentKafkaCluster cluster)
    {
        var library = NativeLibrary.Load(LoadedLibrdkafka());
        _cluster = Marshal.GetDelegateForFunctionPointer<ClusterOf>(NativeLibrary.GetExport(library, "rd_kafka_handle_mock_cluster"))(ClientPointer(cluster));
        if (_cluster == IntPtr.Zero)
        {
            throw new InvalidOperationException("The development cluster's client has no mock cluster.");
        }

        _down = Marshal.GetDelegateForFunctionPointer<SetBroker>(NativeLibrary.GetExport(library, "rd_kafka_mock_broker_set_down"));
        _up = Marshal.GetDelegateForFunctionPointer<SetBroker>(NativeLibrary.GetExport(library, "rd_kafka_mock_broker_set_up"));
        Check(_down(_cluster, BrokerId), "down");
    }

    public void Dispose() => Check(_up(_cluster, BrokerId), "up");

    private static void Check(int error, string what)
    {
        if (error != 0)
        {
            throw new InvalidOperationException($"librdkafka refused to set the mock broker {what}: error {error}.");
        }
    }

    /// <summary>Confluent.Kafka keeps the <c>rd_kafka_t</c> pointer internal; a test may read it.</summary>
    private static IntPtr ClientPointer(DevelopmentKafkaCluster cluster)
    {
        var property = typeof(Confluent.Kafka.Handle).GetProperty("LibrdkafkaHandle", BindingFlags.Instance | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException("Confluent.Kafka.Handle no longer has LibrdkafkaHandle: update BrokerOutage.");
        return ((SafeHandle)property.GetValue(cluster.Handle)!).DangerousGetHandle();
    }

    /// <summary>The librdkafka.so this process already runs (Confluent.Kafka picks one of several builds at load).</summary>
    private static string LoadedLibrdkafka() =>
        File.ReadLines("/proc/self/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length >= 6 && fields[^1].EndsWith("librdkafka.so", StringComparison.Ordinal))
            .Select(fields => fields[^1])
            .FirstOrDefault()
        ?? throw new InvalidOperationException("librdkafka is not loaded in this process yet: start the development cluster first.");
}
