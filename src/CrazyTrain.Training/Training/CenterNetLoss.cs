using CrazyTrain.Training.Model;
using static TorchSharp.torch;

namespace CrazyTrain.Training.Training;

/// <summary>
/// CenterNet's loss: penalty-reduced focal loss on the class heatmaps (alpha 2, beta 4), L1 on centre offset and
/// log-size at object centres. Log-size keeps a 10 px and a 150 px sign on the same footing.
/// </summary>
internal static class CenterNetLoss
{
    public const double SizeWeight = 1.0;
    public const double OffsetWeight = 1.0;

    public static (Tensor Total, Tensor Heat, Tensor Offset, Tensor Size) Compute(HeadOutputs head, Tensor heat, Tensor offset, Tensor logSize, Tensor mask)
    {
        var positive = heat.eq(1f).to_type(ScalarType.Float32);
        var negative = 1f - positive;
        var p = head.Heat.sigmoid().clamp(1e-4, 1 - 1e-4);
        var logP = nn.functional.logsigmoid(head.Heat).clamp_min(Math.Log(1e-4));
        var logNotP = nn.functional.logsigmoid(-head.Heat).clamp_min(Math.Log(1e-4));
        var positiveLoss = logP * (1f - p).pow(2) * positive;
        var negativeLoss = logNotP * p.pow(2) * (1f - heat).pow(4) * negative;
        var count = positive.sum().clamp_min(1f);
        var heatLoss = -TensorSum.Add(positiveLoss.sum(), negativeLoss.sum()) / count;

        var centres = mask.expand_as(offset);
        var cells = centres.sum().clamp_min(1f);
        var offsetLoss = ((head.Offset - offset).abs() * centres).sum() / cells;
        var sizeLoss = ((head.LogSize - logSize).abs() * centres).sum() / cells;
        var total = TensorSum.Add(TensorSum.Add(heatLoss, OffsetWeight * offsetLoss), SizeWeight * sizeLoss);
        return (total, heatLoss, offsetLoss, sizeLoss);
    }
}
