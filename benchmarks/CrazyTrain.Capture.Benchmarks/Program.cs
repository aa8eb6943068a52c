using BenchmarkDotNet.Running;
using CrazyTrain.Capture.Benchmarks;

// measure: the real service for a while (pacing over a minute, grab-to-produce p99); bdn: per-stage costs.
if (args.Length > 0 && args[0] == "measure")
{
    return await CaptureMeasurement.RunAsync(MeasureArguments.Parse(args[1..]));
}

if (args.Length > 0 && args[0] == "bdn")
{
    BenchmarkSwitcher.FromAssembly(typeof(CaptureStageBenchmarks).Assembly).Run(args[1..]);
    return 0;
}

Console.Error.WriteLine("""
    Usage:
      measure [--seconds 60] [--fps 30] [--quality 80] [--publisher kafka|memory] [--video path] [--out artifacts/capture-measure.json]
      bdn [BenchmarkDotNet arguments, e.g. --filter *]
    """);
return 2;
