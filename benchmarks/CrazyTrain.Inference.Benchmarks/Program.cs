using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/CrazyTrain.Inference.Benchmarks -- --filter '*'
// The model comes from CRAZYTRAIN_MODEL, else the shipped models/crazytrain-signs.onnx.
BenchmarkSwitcher.FromAssembly(typeof(CrazyTrain.Inference.Benchmarks.FrameStageBenchmarks).Assembly).Run(args);
