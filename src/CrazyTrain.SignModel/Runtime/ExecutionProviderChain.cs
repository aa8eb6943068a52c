using CrazyTrain.SignModel.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using SessionOptions = Microsoft.ML.OnnxRuntime.SessionOptions;

namespace CrazyTrain.SignModel.Runtime;

/// <summary>
/// Opens ONNX Runtime sessions on the first configured execution provider that works (e.g. TensorRT, CUDA,
/// CPU). A provider whose native libraries are missing is remembered, so the fallback is warned about once
/// per process and not probed again on every hot swap.
/// </summary>
public sealed class ExecutionProviderChain
{
    public static readonly IReadOnlyList<string> Known = ["TensorRT", "CUDA", "CPU"];

    private readonly IReadOnlyList<string> _providers;
    private readonly int _intraOpThreads;
    private readonly ILogger _logger;
    private readonly Dictionary<string, string> _unavailable = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _gate = new();
    private bool _warned;

    public ExecutionProviderChain(IReadOnlyList<string> providers, int intraOpThreads, ILogger logger)
    {
        var unknown = providers.Where(p => !Known.Contains(p, StringComparer.OrdinalIgnoreCase)).ToList();
        if (providers.Count == 0 || unknown.Count > 0)
        {
            throw new ArgumentException(
                $"Execution providers must be a non-empty list of {string.Join(", ", Known)}; got '{string.Join(", ", providers)}'.",
                nameof(providers));
        }

        _providers = providers.Select(p => Known.First(k => k.Equals(p, StringComparison.OrdinalIgnoreCase))).ToList();
        OrtNativeLog.Install();
        _intraOpThreads = intraOpThreads;
        _logger = logger;
    }

    public IReadOnlyList<string> Providers => _providers;

    /// <summary>The CPU provider alone, silent: the model factory's evaluation and timing run here.</summary>
    public static ExecutionProviderChain CpuOnly(int intraOpThreads) => new(["CPU"], intraOpThreads, NullLogger.Instance);

    /// <summary>Returns the session and the provider it runs on, or throws <see cref="ModelLoadException"/>.</summary>
    public (InferenceSession Session, string Provider) CreateSession(byte[] model, string modelFile)
    {
        var skipped = new List<string>();
        Exception? lastModelError = null;
        foreach (var provider in _providers)
        {
            string? known;
            lock (_gate)
            {
                _unavailable.TryGetValue(provider, out known);
            }

            if (known is not null)
            {
                skipped.Add($"{provider} ({known})");
                continue;
            }

            var options = NewOptions();
            try
            {
                try
                {
                    OrtNativeLog.TakeMissingLibrary();
                    Append(options, provider);
                    if (provider == "TensorRT" && _providers.Contains("CUDA"))
                    {
                        // Nodes TensorRT cannot take then run on CUDA rather than falling through to the CPU.
                        TryAppendCudaBehindTensorRt(options);
                    }
                }
                catch (Exception ex) when (ex is OnnxRuntimeException or DllNotFoundException or EntryPointNotFoundException)
                {
                    var reason = OrtNativeLog.TakeMissingLibrary() is { } missing ? $"missing {missing}" : FirstLine(ex.Message);
                    lock (_gate)
                    {
                        _unavailable[provider] = reason;
                    }

                    skipped.Add($"{provider} ({reason})");
                    continue;
                }

                try
                {
                    var session = new InferenceSession(model, options);
                    WarnOnce(skipped, provider);
                    return (session, provider);
                }
                catch (OnnxRuntimeException ex)
                {
                    // The same error on CPU means the file itself is bad; on a GPU provider it may be the device.
                    lastModelError = ex;
                    skipped.Add($"{provider} ({FirstLine(ex.Message)})");
                    if (provider == "CPU")
                    {
                        throw new ModelLoadException(modelFile, $"ONNX Runtime cannot load it ({FirstLine(ex.Message)})", ex);
                    }
                }
            }
            finally
            {
                options.Dispose();
            }
        }

        throw new ModelLoadException(
            modelFile,
            $"no configured execution provider could run it: {string.Join("; ", skipped)}",
            lastModelError);
    }

    private void WarnOnce(List<string> skipped, string provider)
    {
        if (skipped.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            if (_warned)
            {
                return;
            }

            _warned = true;
        }

        _logger.LogWarning(
            "Execution provider fallback: {Skipped} not usable here; running on {Provider}",
            string.Join("; ", skipped),
            provider);
    }

    private SessionOptions NewOptions()
    {
        var options = new SessionOptions
        {
            IntraOpNumThreads = _intraOpThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        // Denormal floats (tiny weights and activations of a fine-tuned net) take the CPU's slow path; as zeros they
        // change no detection.
        options.AddSessionConfigEntry("session.set_denormal_as_zero", "1");
        return options;
    }

    private static void Append(SessionOptions options, string provider)
    {
        switch (provider)
        {
            case "TensorRT":
                options.AppendExecutionProvider_Tensorrt(0);
                break;
            case "CUDA":
                options.AppendExecutionProvider_CUDA(0);
                break;
            default:
                // The CPU provider is always present in the native library.
                break;
        }
    }

    private static void TryAppendCudaBehindTensorRt(SessionOptions options)
    {
        try
        {
            options.AppendExecutionProvider_CUDA(0);
        }
        catch (Exception ex) when (ex is OnnxRuntimeException or DllNotFoundException or EntryPointNotFoundException)
        {
            // TensorRT loaded, so CUDA's libraries are there; if CUDA still fails, TensorRT alone is fine.
            OrtNativeLog.TakeMissingLibrary();
        }
    }

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length > 300 ? line[..300] + "..." : line;
    }
}
