using System.Diagnostics;
using System.Text.Json;
using CrazyTrain.SignModel.Benchmarking;
using CrazyTrain.Training.Commands;
using CrazyTrain.Training.Model;
using CrazyTrain.Training.Onnx;

namespace CrazyTrain.Training.Tests;

/// <summary>The one command-line tool carries the sign model's offline verbs beside the factory's.</summary>
[Collection(TorchCollection.Name)]
public sealed class ToolVerbTests
{
    [Fact]
    public void The_tool_has_every_verb_of_the_factory_and_of_the_former_inference_command_line()
    {
        var verbs = CommandCatalog.All().Select(c => c.Name).ToList();

        Assert.Subset(verbs.ToHashSet(), new HashSet<string> { "render", "render-samples", "train", "train-reader", "export", "evaluate", "benchmark", "build-model", "detect" });
        Assert.Equal(verbs.Count, verbs.Distinct().Count());
    }

    [Fact]
    public async Task Detect_in_the_tool_writes_the_batch_report_of_the_service()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"tool-detect-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(folder, "photos"));
        try
        {
            using var net = TestModels.RandomNet(DetectorShape.Tiny, seed: 4);
            var model = Path.Combine(folder, "model.onnx");
            File.WriteAllBytes(model, OnnxExporter.Export(net, TestModels.Description()));
            File.WriteAllBytes(Path.Combine(folder, "photos", "frame.jpg"), LatencyBenchmark.SyntheticFrames(1, seed: 3)[0]);
            File.WriteAllText(Path.Combine(folder, "photos", "broken.jpg"), "not an image");
            var output = Path.Combine(folder, "report.json");

            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                ArgumentList =
                {
                    Path.Combine(AppContext.BaseDirectory, "CrazyTrain.Training.dll"), "detect",
                    "--input", Path.Combine(folder, "photos"), "--output", output, "--model", model, "--threshold", "0.5", "--providers", "CPU",
                },
            };
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();

            Assert.True(process.ExitCode == 0, await stderr);
            var report = JsonDocument.Parse(await File.ReadAllTextAsync(output)).RootElement;
            Assert.Equal("crazytrain-signs", report.GetProperty("model").GetProperty("name").GetString());
            Assert.Equal(0.5f, report.GetProperty("model").GetProperty("threshold").GetSingle());
            var images = report.GetProperty("images").EnumerateArray().ToList();
            Assert.Equal(["broken.jpg", "frame.jpg"], images.Select(i => i.GetProperty("file").GetString()));
            Assert.Equal("unsupported-format", images[0].GetProperty("reason").GetString());
            Assert.Equal(640, images[1].GetProperty("width").GetInt32());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
