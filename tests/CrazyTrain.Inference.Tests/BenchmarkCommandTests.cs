using System.Text.Json;
using CrazyTrain.Inference.Tests.Support;

namespace CrazyTrain.Inference.Tests;

/// <summary>The benchmark verb writes its numbers; their values are machine-dependent and not asserted.</summary>
public sealed class BenchmarkCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void The_benchmark_writes_latency_percentiles_and_the_sustained_run()
    {
        var model = new TestModel().WriteTo(_folder.Path);
        var output = _folder.File("numbers.json");

        var (exitCode, _, error) = ServiceProcess.Run(
            ["benchmark", "--model", model, "--providers", "CPU", "--iterations", "20", "--warmup", "2", "--duration", "1", "--rate", "30", "--output", output]);

        Assert.True(exitCode == 0, error);
        var numbers = JsonDocument.Parse(File.ReadAllText(output)).RootElement;
        Assert.Equal("CPU", numbers.GetProperty("executionProvider").GetString());
        Assert.Equal(1, numbers.GetProperty("intraOpThreads").GetInt32());
        var total = numbers.GetProperty("latency").GetProperty("totalMs");
        Assert.Equal(20, total.GetProperty("count").GetInt32());
        Assert.True(total.GetProperty("p99").GetDouble() >= total.GetProperty("p50").GetDouble());
        foreach (var stage in new[] { "decodeMs", "preprocessMs", "inferenceMs", "postprocessMs" })
        {
            Assert.Equal(20, numbers.GetProperty("latency").GetProperty(stage).GetProperty("count").GetInt32());
        }

        var sustained = numbers.GetProperty("sustained");
        Assert.True(sustained.GetProperty("framesSent").GetInt32() > 0);
        Assert.True(sustained.GetProperty("framesPublished").GetInt32() > 0);
        Assert.Equal(sustained.GetProperty("framesPublished").GetInt32(), sustained.GetProperty("frameAgeMs").GetProperty("count").GetInt32());
    }

    [Fact]
    public void A_missing_model_fails_the_benchmark_with_a_message()
    {
        var (exitCode, _, error) = ServiceProcess.Run(["benchmark", "--model", _folder.File("none.onnx"), "--duration", "0"]);
        Assert.Equal(2, exitCode);
        Assert.Contains("none.onnx", error);
    }

    public void Dispose() => _folder.Dispose();
}
