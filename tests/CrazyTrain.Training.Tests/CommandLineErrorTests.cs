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
        var (code, error) = await RunTool(verb, "--data", missing, "--output", missing + "-run");

        Assert.Equal(2, code);
        Assert.Equal($"error: Training data '{missing}' has no images/ folder.", error);
    }

    [Fact]
    public async Task Build_model_refuses_a_missing_starting_model_before_doing_anything()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-model-{Guid.NewGuid():N}.onnx");
        var (code, error) = await RunTool("build-model", "--init-from-onnx", missing, "--data", missing + "-data");
        Assert.Equal(2, code);
        Assert.Equal($"error: ONNX model '{missing}' to continue from does not exist.", error);
        Assert.False(Directory.Exists(missing + "-data"));

        (code, error) = await RunTool("build-model", "--from-shipped", "--init-from-onnx", missing);
        Assert.Equal(2, code);
        Assert.Equal("error: Give --from-shipped or --init-from-onnx, not both.", error);
    }

    private static async Task<(int Code, string Error)> RunTool(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "CrazyTrain.Training.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, (await stderr).Trim());
    }
}
