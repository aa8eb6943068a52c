namespace CrazyTrain.Console.Tests.Browser;

/// <summary>Debian's chromium, driven by Playwright through its path: no browser is downloaded.</summary>
internal static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>dotnet test installs chromium before these tests where it can (tests/Directory.Build.targets).</summary>
    public static void EnsureInstalled()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"{ExecutablePath} is missing (run: sudo apt-get install -y chromium).");
        }
    }
}
