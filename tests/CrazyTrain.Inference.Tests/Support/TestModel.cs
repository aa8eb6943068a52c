using System.Runtime.InteropServices;
using System.Text.Json;

namespace CrazyTrain.Inference.Tests.Support;

/// <summary>
/// Builds tiny, valid ONNX files that follow docs/contracts.md: input <c>image</c> <c>[1,3,H,W]</c>, outputs
/// <c>boxes</c> <c>[1,A,4]</c> and <c>scores</c> <c>[1,A,C]</c> with fixed values, where
/// <c>scores = fixed + Gain * mean(image)</c> so a test can also see the input reach the graph.
/// Field numbers are those of onnx/onnx.proto (ModelProto, GraphProto, NodeProto, TensorProto...).
/// </summary>
internal sealed record TestModel
{
    public static readonly string[] SignLabels = ["stop", "no_entry", "speed_limit_30", "speed_limit_50", "danger"];

    /// <summary>
    /// A stop candidate where the golden image's STOP sign stands, in the default 64x48 input pixels (the 640x480 golden
    /// image letterboxes into it at exactly 1/10, without padding): a model with it passes the acceptance checks that
    /// the service holds every model to, at start and on a hot swap.
    /// </summary>
    public static readonly (float[] Box, float[] Scores) GoldenStop = (
        [Hosting.ModelAcceptance.GoldenStopSign.X / 10, Hosting.ModelAcceptance.GoldenStopSign.Y / 10, Hosting.ModelAcceptance.GoldenStopSign.Right / 10, Hosting.ModelAcceptance.GoldenStopSign.Bottom / 10],
        [0.9f, 0, 0, 0, 0]);

    public string Name { get; init; } = "test-signs";
    public string Version { get; init; } = "1.0.0";
    public string[] Labels { get; init; } = SignLabels;
    public int Width { get; init; } = 64;
    public int Height { get; init; } = 48;
    public string InputName { get; init; } = "image";
    public string ColorOrder { get; init; } = "RGB";
    public string Resize { get; init; } = "letterbox";
    public int PadValue { get; init; } = 114;
    public float[] Mean { get; init; } = [0, 0, 0];
    public float[] Std { get; init; } = [1, 1, 1];
    public string BoxFormat { get; init; } = "xyxy";
    public string ScoreActivation { get; init; } = "none";
    public float Threshold { get; init; } = 0.5f;
    public Dictionary<string, float>? ClassThresholds { get; init; }
    public float IouThreshold { get; init; } = 0.45f;
    public bool ClassAgnostic { get; init; }
    public int MaxDetections { get; init; } = 100;
    public float Gain { get; init; }

    /// <summary>Candidates: a box in input-tensor pixels and one score per label.</summary>
    public IReadOnlyList<(float[] Box, float[] Scores)> Anchors { get; init; } =
        [([8, 8, 24, 24], [0.9f, 0.05f, 0.0f, 0.0f, 0.0f])];

    /// <summary>Replaces the generated <c>crazytrain.model</c> JSON; null with <see cref="WithoutMetadata"/> drops it.</summary>
    public string? MetadataJson { get; init; }
    public bool WithoutMetadata { get; init; }

    /// <summary>Graph input shape; defaults to [1, 3, Height, Width].</summary>
    public long[]? GraphInputShape { get; init; }

    /// <summary>Number of score columns in the graph; defaults to the label count.</summary>
    public int? GraphClasses { get; init; }

    public string WriteTo(string folder, string fileName = "model.onnx")
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, fileName);
        File.WriteAllBytes(path, Build());
        return path;
    }

    public string Metadata() => MetadataJson ?? JsonSerializer.Serialize(new
    {
        schema = 1,
        name = Name,
        version = Version,
        labels = Labels,
        input = new
        {
            name = InputName, layout = "NCHW", colorOrder = ColorOrder, dtype = "float32",
            width = Width, height = Height, scale = 1.0 / 255, mean = Mean, std = Std,
            resize = Resize, padValue = PadValue,
        },
        output = new { decoding = "boxes-scores", boxes = "boxes", scores = "scores", boxFormat = BoxFormat, scoreActivation = ScoreActivation },
        threshold = Threshold,
        classThresholds = ClassThresholds,
        nms = new { iouThreshold = IouThreshold, classAgnostic = ClassAgnostic, maxDetections = MaxDetections },
        provenance = new { command = "unit test", seed = 1 },
    });

    public byte[] Build()
    {
        var classes = GraphClasses ?? Labels.Length;
        var anchors = Anchors.Count;
        var boxes = Anchors.SelectMany(a => a.Box).ToArray();
        var scores = Anchors.SelectMany(a => a.Scores.Concat(Enumerable.Repeat(0f, Math.Max(0, classes - a.Scores.Length))).Take(classes)).ToArray();
        var inputShape = GraphInputShape ?? [1, 3, Height, Width];

        var model = new ProtoWriter()
            .Int(1, 8) // ir_version
            .String(2, "crazytrain-tests") // producer_name
            .Message(8, opset => opset.String(1, "").Int(2, 13)) // opset_import
            .Message(7, graph =>
            {
                graph.Message(1, node => node.String(1, InputName).String(2, "mean").String(3, "mean").String(4, "ReduceMean")
                    .Message(5, attribute => attribute.String(1, "keepdims").Int(3, 0).Int(20, 2)));
                graph.Message(1, node => node.String(1, "mean").String(1, "gain").String(2, "shift").String(3, "shift").String(4, "Mul"));
                graph.Message(1, node => node.String(1, "fixed_scores").String(1, "shift").String(2, "scores").String(3, "scores").String(4, "Add"));
                graph.Message(1, node => node.String(1, "fixed_boxes").String(2, "boxes").String(3, "boxes").String(4, "Identity"));
                graph.String(2, "test-graph");
                graph.Message(5, tensor => Tensor(tensor, "fixed_boxes", [1, anchors, 4], boxes));
                graph.Message(5, tensor => Tensor(tensor, "fixed_scores", [1, anchors, classes], scores));
                graph.Message(5, tensor => Tensor(tensor, "gain", [], [Gain]));
                graph.Message(11, value => ValueInfo(value, InputName, inputShape));
                graph.Message(12, value => ValueInfo(value, "boxes", [1, anchors, 4]));
                graph.Message(12, value => ValueInfo(value, "scores", [1, anchors, classes]));
            });

        if (!WithoutMetadata)
        {
            model.Message(14, entry => entry.String(1, "crazytrain.model").String(2, Metadata()));
        }

        return model.ToArray();
    }

    private static void Tensor(ProtoWriter tensor, string name, long[] dims, float[] values)
    {
        foreach (var dim in dims)
        {
            tensor.Int(1, dim);
        }

        tensor.Int(2, 1); // FLOAT
        tensor.String(8, name);
        tensor.Bytes(9, MemoryMarshal.AsBytes(values.AsSpan())); // raw_data, little-endian
    }

    private static void ValueInfo(ProtoWriter value, string name, long[] shape)
    {
        value.String(1, name);
        value.Message(2, type => type.Message(1, tensor =>
        {
            tensor.Int(1, 1); // elem_type FLOAT
            tensor.Message(2, dims =>
            {
                foreach (var dim in shape)
                {
                    dims.Message(1, d =>
                    {
                        if (dim > 0)
                        {
                            d.Int(1, dim);
                        }
                        else
                        {
                            d.String(2, "dynamic");
                        }
                    });
                }
            });
        }));
    }
}
