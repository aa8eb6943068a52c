using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CrazyTrain.Training.Model;

/// <summary>
/// 2-D batch norm with running statistics at a fixed momentum, without the integer batch counter of TorchSharp's
/// BatchNorm2d: incrementing that counter (<c>num_batches_tracked.add_(1)</c>) failed after a few thousand steps
/// of a long run with "For integral input tensors, argument alpha must not be a floating point number", ending
/// the run. A fixed momentum never reads the counter, so nothing is lost by leaving it out.
/// </summary>
internal sealed class RunningBatchNorm : nn.Module<Tensor, Tensor>
{
    public const double Eps = 1e-5;
    private const double Momentum = 0.1;

    private readonly Parameter weight;
    private readonly Parameter bias;
    private readonly Tensor running_mean;
    private readonly Tensor running_var;

    public RunningBatchNorm(string name, long features)
        : base(name)
    {
        weight = new Parameter(ones(features));
        bias = new Parameter(zeros(features));
        running_mean = zeros(features);
        running_var = ones(features);
        RegisterComponents();
    }

    public Tensor Weight => weight;

    public Tensor Bias => bias;

    public Tensor RunningMean => running_mean;

    public Tensor RunningVar => running_var;

    public override Tensor forward(Tensor input) =>
        nn.functional.batch_norm(input, running_mean, running_var, weight, bias, training, Momentum, Eps);
}
