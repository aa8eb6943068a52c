using System.Text.RegularExpressions;
using Microsoft.ML.OnnxRuntime;

namespace CrazyTrain.SignModel.Runtime;

/// <summary>
/// Routes ONNX Runtime's native log into the process instead of raw stderr. A provider that cannot load
/// says why (which library is missing) only in that log, while its exception says "Failed to load shared
/// library"; keeping the last error lets the fallback warning name the missing library, once, cleanly.
/// </summary>
internal static partial class OrtNativeLog
{
    private static readonly Lock Gate = new();
    private static DOrtLoggingFunction? _callback;
    private static string? _lastError;

    /// <summary>Creates the ONNX Runtime environment with this log, unless something created it already.</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (_callback is not null || OrtEnv.IsCreated)
            {
                return;
            }

            // Held in a static field: the native side calls it for the life of the process.
            _callback = OnLog;
            var options = new EnvironmentCreationOptions
            {
                logId = "CrazyTrain.Inference",
                logLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
                loggingFunction = _callback,
            };
            OrtEnv.CreateInstanceWithOptions(ref options);
        }
    }

    /// <summary>The library a provider failed to load, from the last native error, if it said.</summary>
    public static string? TakeMissingLibrary()
    {
        string? error;
        lock (Gate)
        {
            error = _lastError;
            _lastError = null;
        }

        if (error is null)
        {
            return null;
        }

        var match = LoadError().Match(error);
        return match.Success ? match.Groups[1].Value.Trim() : null;
    }

    private static void OnLog(IntPtr param, OrtLoggingLevel severity, string category, string logId, string codeLocation, string message)
    {
        if (severity >= OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR)
        {
            lock (Gate)
            {
                _lastError = message;
            }
        }
    }

    [GeneratedRegex(@"with error:\s*([^\r\n]+)")]
    private static partial Regex LoadError();
}
