namespace CrazyTrain.Console.Tests.Browser;

/// <summary>A browser test: runs with Debian's chromium, and says plainly why it is skipped when that is missing.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(ExecutablePath))
        {
            Skip = $"{ExecutablePath} is missing: install Debian's chromium (apt-get install -y chromium; .ci/install-prerequisites does). No browser is downloaded.";
        }
    }
}
