using CrazyTrain.Pipeline.Benchmarks;

// The whole train for a while: per-stage latency from each frame's own timestamps, counts, memory (docs/performance.md).
PipelineArguments arguments;
try
{
    arguments = PipelineArguments.Parse(args);
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine($"error: {exception.Message}");
    Console.Error.WriteLine(PipelineArguments.Usage);
    return 2;
}

var report = arguments.BrokerOnly ? BrokerHop.Run(arguments, Console.Out) : await PipelineMeasurement.RunAsync(arguments, Console.Out);
report.Print(Console.Out);
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(arguments.Output))!);
await File.WriteAllTextAsync(arguments.Output, report.ToJson());
Console.WriteLine($"Written to {Path.GetFullPath(arguments.Output)}");
return 0;
