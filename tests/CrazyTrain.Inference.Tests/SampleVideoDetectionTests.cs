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
/// changed on purpose seven times: when the speed limits' readings began to share one score (DetectionDecoder), when
/// model 1.3.0 (fine-tuned on renderer 1.6.0) replaced 1.2.0, when 1.4.0 (longer fine-tune, 3000 frames) replaced 1.3.0,
/// when 1.5.0 (fine-tuned on renderer 1.7.0's near cloth and train nose) replaced 1.4.0, when 1.6.0 (fine-tuned with
/// a share of its crops on signs under 16 px) replaced 1.5.0, and when 1.7.0 (webcam-look training style, a reader taught
/// its own hard negatives, danger and speed-limit thresholds 0.20-0.30) replaced 1.6.0, and when 1.8.0 (two readers
/// averaged, the cells they do not read zeroed) replaced 1.7.0.
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
            "95:",
            "100:",
            "105:stop@0.49[252,224,12,13]",
            "110:stop@0.66[241,222,15,14]",
            "115:stop@0.58[226,225,16,16]",
            "120:stop@0.56[211,219,19,20]",
            "125:stop@0.85[182,214,27,26]",
            "130:stop@0.87[129,210,36,33]",
            "135:stop@0.95[29,195,52,54]",
            "140:",
            "145:",
        ],
        ["speed-and-danger.mp4"] =
        [
            "0:speed_limit_30@0.58[270,229,9,9]",
            "5:speed_limit_50@0.58[265,225,10,10] danger@0.21[347,226,8,8]",
            "10:speed_limit_50@0.50[254,224,11,11]",
            "15:speed_limit_50@0.58[242,223,14,15]",
            "20:danger@0.52[355,233,8,8] speed_limit_50@0.48[230,225,17,16]",
            "25:speed_limit_50@0.50[205,217,23,23] danger@0.37[357,229,8,8]",
            "30:danger@0.74[358,225,9,8] speed_limit_50@0.67[163,210,31,29]",
            "35:speed_limit_50@0.96[88,200,46,44] danger@0.67[364,225,11,11]",
            "40:danger@0.61[372,228,11,10]",
            "45:danger@0.73[375,229,14,13]",
            "50:danger@0.78[386,223,16,14]",
            "55:danger@0.71[400,221,20,17]",
            "60:danger@0.81[421,220,20,18]",
            "65:danger@0.81[452,218,27,24]",
            "70:danger@0.86[524,209,42,34]",
            "75:",
            "80:",
            "85:",
            "90:",
            "95:",
            "100:speed_limit_30@0.47[519,221,15,15]",
            "105:danger@0.67[527,230,7,6] speed_limit_30@0.36[397,224,14,15]",
            "110:danger@0.64[388,230,7,6] speed_limit_30@0.59[256,222,19,18]",
            "115:speed_limit_30@0.53[189,219,22,22] danger@0.53[348,231,8,8]",
            "120:danger@0.80[355,226,9,8] speed_limit_30@0.59[149,210,29,30]",
            "125:danger@0.84[359,226,9,7] speed_limit_30@0.82[61,200,47,43]",
            "130:danger@0.72[359,229,11,9]",
            "135:danger@0.66[366,228,11,9]",
            "140:danger@0.78[374,227,14,11]",
            "145:danger@0.47[381,223,14,12]",
            "150:danger@0.81[392,223,18,15]",
            "155:danger@0.61[415,222,23,19]",
            "160:danger@0.57[446,217,27,25]",
            "165:danger@0.74[504,205,46,40]",
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
