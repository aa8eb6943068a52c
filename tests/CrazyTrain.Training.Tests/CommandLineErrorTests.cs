using System.Diagnostics;

namespace CrazyTrain.Training.Tests;

public class CommandLineErrorTests
{
    [Theory]
    [InlineData("train")]
    [InlineData("train-reader")]
    public async Task Bad_input_ends_the_verb_with_a_message_and_exit_code_2(string verb)
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-data-{Guid.NewGuid():N}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "CrazyTrain.Training.dll"), verb, "--data", missing, "--output", missing + "-run" },
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(2, process.ExitCode);
        Assert.Equal($"error: Training data '{missing}' has no images/ folder.", (await stderr).Trim());
    }
}
