using System.Diagnostics;

namespace CrazyTrain.Training.Training;

/// <summary>The git commit a model was built from, marked "+dirty" when the tree had uncommitted changes.</summary>
public static class SourceControl
{
    public static string DescribeCommit()
    {
        var commit = Git("rev-parse HEAD");
        if (commit is null)
        {
            return "unknown";
        }

        var status = Git("status --porcelain --untracked-files=no");
        return string.IsNullOrWhiteSpace(status) ? commit : commit + "+dirty";
    }

    private static string? Git(string arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("git", arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
