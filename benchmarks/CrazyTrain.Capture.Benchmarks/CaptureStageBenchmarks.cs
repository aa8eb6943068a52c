using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using CrazyTrain.Capture.Options;
using CrazyTrain.Capture.Pipeline;
using CrazyTrain.Capture.Sources;
using OpenCvSharp;

namespace CrazyTrain.Capture.Benchmarks;

/// <summary>The per-frame costs of capture at 640x480: decode from the video file, JPEG encode at quality 80, both.</summary>
[MemoryDiagnoser]
[Config(typeof(PercentilesConfig))]
public class CaptureStageBenchmarks
{
    private string _folder = string.Empty;
    private IFrameSource? _source;
    private Mat? _frame;

    [Params(80)]
    public int Quality { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("crazytrain-capture-bench-").FullName;
        var video = SyntheticTrackVideo.Write(Path.Combine(_folder, "track.mp4"), frames: 120);
        _source = VideoFileSource.Open(new FrameSourceSpec(FrameSourceKind.File, video), loop: true);
        _frame = _source.ReadAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _frame?.Dispose();
        _source?.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Description = "decode 640x480 frame (mp4v)")]
    public int Decode()
    {
        using var frame = _source!.ReadAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return frame.Width;
    }

    [Benchmark(Description = "JPEG encode 640x480")]
    public int Encode() => FrameEncoder.Encode(_frame!, 640, 480, Quality).Jpeg.Length;

    [Benchmark(Description = "decode + JPEG encode 640x480")]
    public int DecodeAndEncode()
    {
        using var frame = _source!.ReadAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return FrameEncoder.Encode(frame, 640, 480, Quality).Jpeg.Length;
    }

    private sealed class PercentilesConfig : ManualConfig
    {
        public PercentilesConfig() => AddColumn(StatisticColumn.P95, StatisticColumn.Max);
    }
}
