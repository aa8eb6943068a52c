using CrazyTrain.Deploy.Planning;
using CrazyTrain.Deploy.Yaml;
using YamlDotNet.RepresentationModel;

namespace CrazyTrain.Deploy.Generation;

/// <summary>
/// Liveness asks only "does the process answer" (<c>/alive</c>), readiness asks for every check including the
/// broker (<c>/health</c>): a broker outage takes a service out of rotation without restarting it, because
/// librdkafka reconnects by itself. A startup probe gives model loading and JIT time before liveness counts.
/// </summary>
internal static class Probes
{
    public const string LivenessPath = "/alive";
    public const string ReadinessPath = "/health";

    public static IEnumerable<(string Key, YamlNode? Value)> For(Workload workload)
    {
        if (workload.IsProject)
        {
            var port = workload.HttpPort
                ?? throw new InvalidOperationException($"Project '{workload.Name}' has no http binding to probe.");
            yield return ("startupProbe", Http(LivenessPath, port.Name, period: 2, failures: 60));
            yield return ("livenessProbe", Http(LivenessPath, port.Name, period: 10, failures: 3));
            yield return ("readinessProbe", Http(ReadinessPath, port.Name, period: 5, failures: 3));
            yield break;
        }

        var first = workload.Ports.FirstOrDefault()
            ?? throw new InvalidOperationException($"Container '{workload.Name}' has no port to probe.");
        yield return ("startupProbe", Tcp(first.Name, period: 5, failures: 36));
        yield return ("livenessProbe", Tcp(first.Name, period: 10, failures: 3));
        yield return ("readinessProbe", Tcp(first.Name, period: 5, failures: 3));
    }

    private static YamlMappingNode Http(string path, string port, int period, int failures) => Y.Map(
        ("httpGet", Y.Map(("path", Y.Str(path)), ("port", Y.Str(port)))),
        ("periodSeconds", Y.Num(period)),
        ("timeoutSeconds", Y.Num(3)),
        ("failureThreshold", Y.Num(failures)));

    private static YamlMappingNode Tcp(string port, int period, int failures) => Y.Map(
        ("tcpSocket", Y.Map(("port", Y.Str(port)))),
        ("periodSeconds", Y.Num(period)),
        ("timeoutSeconds", Y.Num(3)),
        ("failureThreshold", Y.Num(failures)));
}
