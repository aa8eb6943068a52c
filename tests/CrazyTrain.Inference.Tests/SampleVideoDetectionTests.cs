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
/// changed on purpose five times: when the speed limits' readings began to share one score (DetectionDecoder), when
/// model 1.3.0 (fine-tuned on renderer 1.6.0) replaced 1.2.0, when 1.4.0 (longer fine-tune, 3000 frames) replaced 1.3.0,
/// when 1.5.0 (fine-tuned on renderer 1.7.0's near cloth and train nose) replaced 1.4.0, and when 1.6.0 (fine-tuned with
/// a share of its crops on signs under 16 px) replaced 1.5.0.
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
            "95:stop@0.46[102,227,9,9]",
            "100:",
            "105:stop@0.51[253,224,11,11]",
            "110:stop@0.67[241,222,15,14]",
            "115:stop@0.57[227,225,16,16]",
            "120:stop@0.55[211,219,19,20]",
            "125:stop@0.85[182,214,26,26]",
            "130:stop@0.89[129,211,35,33]",
            "135:stop@0.93[28,196,55,53]",
            "140:",
            "145:",
        ],
        ["speed-and-danger.mp4"] =
        [
            "0:speed_limit_30@0.55[269,228,10,10]",
            "5:speed_limit_50@0.55[265,225,11,11]",
            "10:speed_limit_50@0.44[254,224,11,11]",
            "15:speed_limit_50@0.56[242,223,14,15]",
            "20:danger@0.56[354,230,9,9] speed_limit_50@0.47[230,224,17,17]",
            "25:speed_limit_50@0.55[205,218,23,22]",
            "30:speed_limit_50@0.71[163,210,31,29] danger@0.64[357,225,10,9]",
            "35:speed_limit_50@0.93[87,200,47,44] danger@0.73[364,224,11,10]",
            "40:danger@0.60[372,228,11,10]",
            "45:danger@0.75[375,228,13,13]",
            "50:danger@0.81[386,223,17,14]",
            "55:danger@0.61[401,221,19,18]",
            "60:danger@0.74[421,220,20,18]",
            "65:danger@0.80[452,218,28,24]",
            "70:danger@0.86[525,209,42,35]",
            "75:",
            "80:",
            "85:",
            "90:",
            "95:",
            "100:speed_limit_30@0.52[519,221,14,14]",
            "105:danger@0.66[527,230,7,7]",
            "110:speed_limit_30@0.59[256,222,19,18] danger@0.57[387,230,7,7]",
            "115:speed_limit_30@0.61[189,219,23,23] danger@0.44[348,230,9,8]",
            "120:danger@0.78[354,226,9,8] speed_limit_30@0.60[149,210,28,29]",
            "125:danger@0.81[358,226,9,8] speed_limit_30@0.76[62,200,46,44]",
            "130:danger@0.64[359,229,10,9]",
            "135:danger@0.67[366,227,11,10]",
            "140:danger@0.73[374,227,14,12]",
            "145:danger@0.54[382,223,13,12]",
            "150:danger@0.76[393,222,17,15]",
            "155:danger@0.53[416,223,20,18]",
            "160:danger@0.54[447,217,26,25]",
            "165:danger@0.81[504,207,44,38]",
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
