using CrazyTrain.Training.Model;
using CrazyTrain.Training.Native;
using static TorchSharp.torch;

namespace CrazyTrain.Training.Tests;

[Collection(TorchCollection.Name)]
public class RunningBatchNormTests
{
    [Fact]
    public void Training_updates_the_running_statistics_and_evaluation_uses_them()
    {
        TorchNative.EnsureLoadable();
        using var bn = new RunningBatchNorm("bn", 2);
        manual_seed(4);
        bn.train();
        for (var i = 0; i < 60; i++)
        {
            // Channel 0 around 3 with spread 2, channel 1 around -1 with spread 0.5.
            using var x = cat([(randn(8, 1, 6, 6) * 2) + 3, (randn(8, 1, 6, 6) * 0.5) - 1], 1);
            using var y = bn.forward(x);
        }

        Assert.Equal(3.0, bn.RunningMean[0].item<float>(), 0.2);
        Assert.Equal(-1.0, bn.RunningMean[1].item<float>(), 0.1);
        Assert.Equal(4.0, bn.RunningVar[0].item<float>(), 0.6);
        Assert.Equal(0.25, bn.RunningVar[1].item<float>(), 0.05);

        bn.eval();
        using var probe = full(1, 2, 1, 1, 3.0f);
        using var normalised = bn.forward(probe);
        Assert.Equal((3.0 - bn.RunningMean[0].item<float>()) / Math.Sqrt(bn.RunningVar[0].item<float>() + RunningBatchNorm.Eps), normalised[0, 0, 0, 0].item<float>(), 4);
        Assert.Equal(["bias", "running_mean", "running_var", "weight"], bn.state_dict().Keys.Order(StringComparer.Ordinal));
    }
}
