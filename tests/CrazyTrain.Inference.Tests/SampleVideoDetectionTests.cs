using System.Globalization;
using CrazyTrain.Inference.Hosting;
using CrazyTrain.Inference.Tests.Support;
using CrazyTrain.SignModel.Detections;
using CrazyTrain.SignModel.Runtime;
using OpenCvSharp;

namespace CrazyTrain.Inference.Tests;

/// <summary>
/// Pins what the shipped model finds on the sample videos, frame by frame, as the service sees them (JPEG at the
/// capture's default quality 80): a refactor of decoding, preprocessing or output decoding must not change a box.
/// The expected lines were computed with the service's code before the sign model moved into its own library, then
/// changed on purpose twice: when the speed limits' readings began to share one score (DetectionDecoder), and when
/// model 1.3.0 (fine-tuned on renderer 1.6.0) replaced 1.2.0.
/// </summary>
public sealed class SampleVideoDetectionTests
{
    private const int Every = 5;

    [Theory]
    [InlineData("stop-sign.mp4")]
    [InlineData("speed-and-danger.mp4")]
    [InlineData("distractors.mp4")]
    public void The_shipped_model_finds_the_same_signs_on_the_sample_videos(string video)
    {
        using var runtime = ModelRuntime.Load(ModelLocator.Resolve(InferenceOptions.DefaultModelPath), Models.CpuOnly());
        using var capture = new VideoCapture(ModelLocator.Resolve(Path.Combine("samples", video)));
        Assert.True(capture.IsOpened(), $"cannot open {video}");

        var lines = new List<string>();
        using var frame = new Mat();
        for (var index = 0; capture.Read(frame) && !frame.Empty(); index++)
        {
            if (index % Every != 0)
            {
                continue;
            }

            Cv2.ImEncode(".jpg", frame, out var jpeg, new ImageEncodingParam(ImwriteFlags.JpegQuality, 80));
            var result = runtime.Detect(jpeg, strict: true, threshold: null);
            lines.Add($"{index}:" + string.Join(' ', result.Detections.Select(Describe)));
        }

        Assert.Equal(Expected[video], lines);
    }

    private static string Describe(Detection d) => string.Create(
        CultureInfo.InvariantCulture,
        $"{d.Label}@{d.Confidence:0.00}[{d.Box.X:0},{d.Box.Y:0},{d.Box.Width:0},{d.Box.Height:0}]");

    private static readonly Dictionary<string, string[]> Expected = new()
    {
        ["stop-sign.mp4"] =
        [
            "0:",
            "5:",
            "10:",
            "15:",
            "20:",
            "25:",
            "30:",
            "35:",
            "40:",
            "45:",
            "50:",
            "55:",
            "60:",
            "65:",
            "70:",
            "75:",
            "80:",
            "85:",
            "90:",
            "95:stop@0.49[102,226,9,10]",
            "100:",
            "105:stop@0.54[253,224,11,12]",
            "110:stop@0.63[241,221,15,15]",
            "115:stop@0.63[226,225,17,17]",
            "120:stop@0.53[211,219,19,20]",
            "125:stop@0.78[182,213,26,26]",
            "130:stop@0.82[129,211,35,33]",
            "135:stop@0.88[31,196,51,51]",
            "140:",
            "145:",
        ],
        ["speed-and-danger.mp4"] =
        [
            "0:",
            "5:speed_limit_30@0.59[266,226,9,9]",
            "10:speed_limit_50@0.54[253,224,12,12]",
            "15:speed_limit_50@0.58[243,223,13,13]",
            "20:speed_limit_50@0.53[230,224,17,17] danger@0.46[354,228,10,10]",
            "25:speed_limit_50@0.48[205,217,23,24]",
            "30:danger@0.70[357,224,11,10] speed_limit_50@0.53[164,210,29,29]",
            "35:speed_limit_50@0.84[87,200,47,44] danger@0.66[364,224,12,11]",
            "40:danger@0.48[371,224,13,13]",
            "45:danger@0.69[375,228,13,12]",
            "50:danger@0.71[386,222,16,15]",
            "55:danger@0.68[401,221,18,17]",
            "60:danger@0.68[421,220,18,17]",
            "65:danger@0.73[453,218,26,23]",
            "70:danger@0.88[524,209,43,35]",
            "75:",
            "80:",
            "85:",
            "90:",
            "95:",
            "100:speed_limit_50@0.54[519,221,14,14]",
            "105:speed_limit_30@0.47[396,223,16,17]",
            "110:speed_limit_30@0.55[255,222,19,19]",
            "115:speed_limit_30@0.51[189,219,23,23]",
            "120:danger@0.67[354,225,10,9] speed_limit_30@0.50[149,210,29,29]",
            "125:danger@0.69[358,225,10,9] speed_limit_30@0.53[62,200,47,45]",
            "130:danger@0.55[359,228,11,10]",
            "135:danger@0.67[366,229,10,10]",
            "140:danger@0.82[375,228,13,11]",
            "145:danger@0.49[382,222,14,12]",
            "150:danger@0.74[393,222,16,16]",
            "155:danger@0.60[415,222,20,18]",
            "160:danger@0.65[446,217,26,25]",
            "165:danger@0.80[504,206,44,38]",
            "170:",
            "175:",
        ],
        ["distractors.mp4"] =
        [
            "0:",
            "5:",
            "10:",
            "15:",
            "20:",
            "25:",
            "30:",
            "35:",
            "40:",
            "45:",
            "50:",
            "55:",
            "60:",
            "65:",
            "70:",
            "75:",
            "80:",
            "85:",
            "90:",
            "95:",
            "100:",
            "105:",
            "110:",
            "115:",
            "120:",
            "125:",
            "130:",
            "135:",
            "140:",
            "145:",
            "150:",
            "155:",
            "160:",
            "165:",
            "170:",
            "175:",
        ],
    };
}
