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
/// changed on purpose three times: when the speed limits' readings began to share one score (DetectionDecoder), when
/// model 1.3.0 (fine-tuned on renderer 1.6.0) replaced 1.2.0, and when 1.4.0 (longer fine-tune, 3000 frames) replaced 1.3.0.
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
            "95:stop@0.41[102,227,8,9]",
            "100:",
            "105:stop@0.48[253,224,11,12]",
            "110:stop@0.70[241,221,15,15]",
            "115:stop@0.61[226,225,18,18]",
            "120:stop@0.48[211,219,19,20]",
            "125:stop@0.82[182,214,26,26]",
            "130:stop@0.86[129,210,36,34]",
            "135:stop@0.89[30,195,54,55]",
            "140:",
            "145:",
        ],
        ["speed-and-danger.mp4"] =
        [
            "0:speed_limit_30@0.47[269,228,10,11]",
            "5:speed_limit_50@0.60[266,225,10,10]",
            "10:speed_limit_50@0.46[254,224,12,12]",
            "15:speed_limit_50@0.61[243,223,13,13]",
            "20:speed_limit_50@0.48[230,224,17,17] danger@0.42[354,233,9,8]",
            "25:speed_limit_50@0.45[205,217,23,23]",
            "30:danger@0.66[357,225,10,10] speed_limit_50@0.60[164,210,30,28]",
            "35:speed_limit_50@0.91[87,200,47,44] danger@0.64[364,224,12,11]",
            "40:danger@0.40[371,224,12,12]",
            "45:danger@0.68[375,228,14,13]",
            "50:danger@0.77[386,223,16,15]",
            "55:danger@0.66[401,221,19,18]",
            "60:danger@0.76[421,220,19,17]",
            "65:danger@0.75[453,218,26,23]",
            "70:danger@0.91[525,209,42,35]",
            "75:",
            "80:",
            "85:",
            "90:",
            "95:",
            "100:speed_limit_30@0.53[519,221,14,14]",
            "105:danger@0.51[526,230,8,8] speed_limit_30@0.42[396,223,16,16]",
            "110:speed_limit_30@0.57[256,222,19,19] danger@0.40[387,229,8,8]",
            "115:speed_limit_30@0.63[189,219,22,22]",
            "120:danger@0.71[354,226,9,8] speed_limit_30@0.51[149,210,28,28]",
            "125:danger@0.72[359,226,9,8] speed_limit_30@0.69[62,200,47,44]",
            "130:danger@0.56[359,230,10,9]",
            "135:danger@0.72[366,229,10,9]",
            "140:danger@0.76[375,228,12,11]",
            "145:",
            "150:danger@0.77[393,223,16,15]",
            "155:danger@0.55[415,222,21,19]",
            "160:danger@0.65[446,217,27,25]",
            "165:danger@0.81[505,206,43,38]",
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
