using System.Diagnostics;
using System.Text.Json;
using CrazyTrain.SignModel.Benchmarking;
using CrazyTrain.SignModel.Runtime;
using CrazyTrain.Training.Onnx;

namespace CrazyTrain.Training.Tests;

/// <summary>The one latency benchmark; its numbers are machine-dependent and not asserted, their shape is.</summary>
[Collection(TorchCollection.Name)]
public sealed class BenchmarkCommandTests
{
    [Fact]
    public void The_benchmark_times_every_stage_of_the_library_code_path()
    {
        using var net = TestModels.RandomNet(Model.DetectorShape.Tiny, seed: 2);
        var model = Path.Combine(Path.GetTempPath(), $"bench-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(model, OnnxExporter.Export(net, TestModels.Description()));
        try
        {
            using var runtime = ModelRuntime.Load(model, ExecutionProviderChain.CpuOnly(1));
            var report = LatencyBenchmark.Run(runtime, LatencyBenchmark.SyntheticFrames(3, seed: 1), "synthetic", threads: 1, iterations: 12, warmup: 2);

            Assert.Equal("CPU", report.ExecutionProvider);
            Assert.Equal(3, report.Image.Frames);
            Assert.Equal("640x480", report.Model.Input);
            var latency = report.Latency;
            foreach (var stage in new[] { latency.TotalMs, latency.ModelPathMs, latency.DecodeMs, latency.PreprocessMs, latency.InferenceMs, latency.PostprocessMs })
            {
                Assert.Equal(12, stage.Count);
                Assert.True(stage.P99 >= stage.P50 && stage.Max >= stage.P99);
            }

            Assert.True(latency.ModelPathMs.Max <= latency.TotalMs.Max && latency.ModelPathMs.P50 <= latency.TotalMs.P50); // the same frames less their decode
            var json = JsonDocument.Parse(report.ToJson()).RootElement;
            Assert.Equal(12, json.GetProperty("latency").GetProperty("totalMs").GetProperty("count").GetInt32());
            Assert.Equal(12, json.GetProperty("latency").GetProperty("modelPathMs").GetProperty("count").GetInt32());
            Assert.Equal(1, json.GetProperty("intraOpThreads").GetInt32());
        }
        finally
        {
            File.Delete(model);
        }
    }

    [Fact]
    public async Task A_missing_model_fails_the_benchmark_verb_with_a_message()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"none-{Guid.NewGuid():N}.onnx");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "CrazyTrain.Training.dll"), "benchmark", "--model", missing, "--providers", "CPU" },
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(2, process.ExitCode);
        Assert.Contains(Path.GetFileName(missing), await stderr, StringComparison.Ordinal);
    }
}
