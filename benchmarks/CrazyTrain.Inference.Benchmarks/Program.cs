using System.CommandLine;
using CrazyTrain.Inference.Benchmarks;
using CrazyTrain.SignModel.Batch;

// dotnet run -c Release --project benchmarks/CrazyTrain.Inference.Benchmarks -- [--model <onnx>] [--rate 30] [--duration 30]
var image = new Option<string?>("--image") { Description = "A JPEG to send (default: a synthetic 640x480 camera-like frame)." };
var threads = new Option<int>("--threads") { Description = "ONNX Runtime intra-op threads.", DefaultValueFactory = _ => 1 };
var rate = new Option<double>("--rate") { Description = "Frames per second.", DefaultValueFactory = _ => 30 };
var duration = new Option<double>("--duration") { Description = "Seconds to run.", DefaultValueFactory = _ => 30 };
var output = new Option<string?>("--output", "-o") { Description = "Write the numbers as JSON here." };
var root = new RootCommand("Feed the inference service's live pipeline at a fixed frame rate and report what it kept up with.")
{
    CliModel.Model, CliModel.Providers, image, threads, rate, duration, output,
};
root.SetAction((parse, cancellation) => PipelineSoak.RunAsync(
    parse.GetValue(CliModel.Model)!, parse.GetValue(CliModel.Providers)!, parse.GetValue(image), parse.GetValue(threads),
    parse.GetValue(rate), parse.GetValue(duration), parse.GetValue(output), cancellation));
return await root.Parse(args).InvokeAsync();
