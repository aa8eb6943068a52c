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

    /// <summary>
    /// Frozen: normalise with the running statistics even while the network trains, and leave them as they are;
    /// gamma and beta still learn. For fine-tuning weights whose batch statistics are unknown (a model loaded from
    /// ONNX, where batch norm was folded away), as detection fine-tuning usually does (FrozenBatchNorm).
    /// </summary>
    public bool Frozen { get; set; }

    /// <summary>Becomes y = x + <paramref name="shift"/> per channel (in evaluation or when frozen): mean 0, sigma 1, gamma 1.</summary>
    public void BecomeIdentityPlus(Tensor shift)
    {
        using var noGrad = no_grad();
        running_mean.zero_();
        // sqrt(var + eps) = 1.
        running_var.fill_(1 - Eps);
        weight.fill_(1);
        bias.copy_(shift);
    }

    public override Tensor forward(Tensor input) =>
        nn.functional.batch_norm(input, running_mean, running_var, weight, bias, training && !Frozen, Momentum, Eps);
}
