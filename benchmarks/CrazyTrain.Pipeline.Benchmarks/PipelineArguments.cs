using System.Globalization;

namespace CrazyTrain.Pipeline.Benchmarks;

/// <summary>What to run: how long, at which camera rate, where the JSON goes; the soak also samples memory.</summary>
internal sealed record PipelineArguments(
    double Seconds,
    double Fps,
    double WarmupSeconds,
    bool Soak,
    double MemoryEverySeconds,
    string Output,
    IReadOnlyDictionary<string, string> Client,
    bool BrokerOnly = false,
    IReadOnlyList<ServiceEnvironment>? Environment = null)
{
    public const string Usage = """
        Usage: dotnet run -c Release --project benchmarks/CrazyTrain.Pipeline.Benchmarks -- [options]
          --seconds 60        how long to measure, after the warm-up (soak: 600)
          --fps 30            the camera rate capture runs at (Simulation: the sample filmed at this rate in real time)
          --warmup 15         seconds of flowing frames ignored first (JIT, consumer groups joining)
          --broker-only       no services: the development broker, a producer at --fps and a consumer, to
                              measure the Kafka hop alone with the messaging library's settings (and --client)
          --soak              10 minutes and memory of each service every --memory-every seconds
          --memory-every 10   seconds between memory samples (soak)
          --out artifacts/pipeline.json
          --client key=value  a librdkafka setting for every service's clients (Kafka:Client), repeatable;
                              e.g. --client fetch.wait.max.ms=500 --client linger.ms=5 measures librdkafka's defaults
          --env service:KEY=VALUE  an environment variable for one service's process, repeatable; e.g.
                              --env controller:MALLOC_ARENA_MAX=2 compares glibc's malloc arenas within one run
        """;

    /// <summary>Parses the command line; a bad value ends with a message naming the option.</summary>
    public static PipelineArguments Parse(string[] args)
    {
        var known = new HashSet<string>(StringComparer.Ordinal) { "--seconds", "--fps", "--warmup", "--memory-every", "--out" };
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var soak = false;
        var brokerOnly = false;
        var client = new Dictionary<string, string>(StringComparer.Ordinal);
        var environment = new List<ServiceEnvironment>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--soak")
            {
                soak = true;
            }
            else if (args[i] == "--broker-only")
            {
                brokerOnly = true;
            }
            else if (args[i] == "--client" && i + 1 < args.Length)
            {
                var setting = args[++i].Split('=', 2);
                if (setting.Length != 2 || setting[0].Length == 0)
                {
                    throw new ArgumentException($"--client is '{args[i]}'; expected key=value, e.g. fetch.wait.max.ms=500.");
                }

                client[setting[0]] = setting[1];
            }
            else if (args[i] == "--env" && i + 1 < args.Length)
            {
                environment.Add(ServiceEnvironment.Parse(args[++i]));
            }
            else if (known.Contains(args[i]) && i + 1 < args.Length)
            {
                values[args[i]] = args[++i];
            }
            else
            {
                throw new ArgumentException($"Unknown option or missing value: '{args[i]}'.");
            }
        }

        double Number(string name, double fallback, double min, double max)
        {
            if (!values.TryGetValue(name, out var text))
            {
                return fallback;
            }

            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
                ? value
                : throw new ArgumentException($"{name} is '{text}'; expected a number from {min} to {max}.");
        }

        return new PipelineArguments(
            Number("--seconds", soak ? 600 : 60, 1, 24 * 3600),
            Number("--fps", 30, 1, 240),
            Number("--warmup", 15, 0, 600),
            soak,
            Number("--memory-every", 10, 1, 600),
            values.GetValueOrDefault("--out") ?? (soak ? "artifacts/pipeline-soak.json" : "artifacts/pipeline.json"),
            client,
            brokerOnly,
            environment);
    }
}

/// <summary>One <c>--env service:KEY=VALUE</c>: a variable set in one service's process only.</summary>
internal sealed record ServiceEnvironment(string Service, string Key, string Value)
{
    public static ServiceEnvironment Parse(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        return colon > 0 && equals > colon + 1
            ? new ServiceEnvironment(text[..colon], text[(colon + 1)..equals], text[(equals + 1)..])
            : throw new ArgumentException($"--env is '{text}'; expected service:KEY=VALUE, e.g. controller:MALLOC_ARENA_MAX=2.");
    }
}
