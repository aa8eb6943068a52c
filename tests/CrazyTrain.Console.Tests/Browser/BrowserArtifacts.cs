using CrazyTrain.Console.Tests.Support;

namespace CrazyTrain.Console.Tests.Browser;

/// <summary>Where browser tests leave screenshots: TestResults/console-browser at the repository root (ignored by git).</summary>
public static class BrowserArtifacts
{
    public static string Directory
    {
        get
        {
            var folder = Path.Combine(ConsoleProject.RepositoryRoot, "TestResults", "console-browser");
            System.IO.Directory.CreateDirectory(folder);
            return folder;
        }
    }

    public static string PathFor(string name) => Path.Combine(Directory, name);
}
