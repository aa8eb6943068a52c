using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace CrazyTrain.Twin.Tests;

/// <summary>
/// The twin refuses to start without an operator token (its episode reset is an operator action), so every twin these
/// tests start, through any WebApplicationFactory, gets this one: set once for the test process, before any test runs.
/// </summary>
public static class TwinOperator
{
    public const string Token = "twin-tests-operator-token-0123456789";

    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries", Justification = "A test assembly: the environment of its own process.")]
    internal static void SetToken() => Environment.SetEnvironmentVariable("CrazyTrain__OperatorToken", Token);
}
