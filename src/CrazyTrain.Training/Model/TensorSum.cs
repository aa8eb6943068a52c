using TorchSharp;
using static TorchSharp.torch;

namespace CrazyTrain.Training.Model;

/// <summary>
/// Tensor plus tensor with an alpha that outlives the native call. TorchSharp's <c>+</c> makes an
/// alpha of 1 as a <see cref="Scalar"/> that nothing references once its handle is handed to libtorch, so a collection
/// on another thread may finalise (free) it while libtorch still reads it: the smoke test failed about one run in three
/// with "Expected false to be true" in <c>Scalar::toFloat</c> inside the residual add, and a long run once ended with
/// "argument alpha must not be a floating point number" (<see cref="RunningBatchNorm"/>). Holding the alpha in a local
/// that is disposed after the call keeps it alive through it.
/// </summary>
internal static class TensorSum
{
    public static Tensor Add(Tensor left, Tensor right)
    {
        using var one = 1.ToScalar();
        return left.add(right, one);
    }
}
