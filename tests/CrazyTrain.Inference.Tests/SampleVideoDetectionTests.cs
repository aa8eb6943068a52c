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
/// changed on purpose four times: when the speed limits' readings began to share one score (DetectionDecoder), when
/// model 1.3.0 (fine-tuned on renderer 1.6.0) replaced 1.2.0, when 1.4.0 (longer fine-tune, 3000 frames) replaced 1.3.0,
/// and when 1.5.0 (fine-tuned on renderer 1.7.0's near cloth and train nose) replaced 1.4.0.
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
            "95:stop@0.40[102,227,8,9]",
            "100:",
            "105:stop@0.47[253,224,11,12]",
            "110:stop@0.71[240,221,16,15]",
            "115:stop@0.55[226,225,17,17]",
            "120:stop@0.51[211,219,19,20]",
            "125:stop@0.82[182,214,26,26]",
            "130:stop@0.88[129,210,36,34]",
            "135:stop@0.92[29,194,54,56]",
            "140:",
            "145:",
        ],
        ["speed-and-danger.mp4"] =
        [
            "0:speed_limit_30@0.51[269,228,9,10]",
            "5:speed_limit_50@0.59[266,225,9,10]",
            "10:speed_limit_50@0.45[254,224,12,12]",
            "15:speed_limit_50@0.60[243,223,14,14]",
            "20:speed_limit_50@0.48[230,224,17,17]",
            "25:speed_limit_50@0.57[204,217,24,23]",
            "30:speed_limit_50@0.62[164,210,30,28] danger@0.58[357,225,10,9]",
            "35:speed_limit_50@0.94[87,201,47,43] danger@0.63[364,224,12,11]",
            "40:danger@0.42[372,225,11,11]",
            "45:danger@0.61[375,228,13,12]",
            "50:danger@0.76[386,223,16,15]",
            "55:danger@0.59[401,221,19,18]",
            "60:danger@0.73[421,220,20,18]",
            "65:danger@0.77[453,218,27,24]",
            "70:danger@0.90[525,209,42,36]",
            "75:",
            "80:",
            "85:",
            "90:",
            "95:",
            "100:speed_limit_30@0.57[519,221,14,15]",
            "105:danger@0.52[526,230,8,7] speed_limit_30@0.46[396,223,15,16]",
            "110:speed_limit_30@0.59[255,222,19,19] danger@0.43[387,229,8,8]",
            "115:speed_limit_30@0.63[189,219,22,22]",
            "120:danger@0.70[354,226,9,8] speed_limit_30@0.55[149,210,29,29]",
            "125:speed_limit_30@0.80[62,200,47,43] danger@0.71[359,226,9,8]",
            "130:danger@0.55[359,230,10,9]",
            "135:danger@0.68[366,229,10,9]",
            "140:danger@0.75[375,228,12,11]",
            "145:danger@0.41[382,222,14,12]",
            "150:danger@0.72[393,222,17,15]",
            "155:danger@0.55[415,222,23,20]",
            "160:danger@0.72[446,217,27,25]",
            "165:danger@0.81[506,206,42,38]",
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
