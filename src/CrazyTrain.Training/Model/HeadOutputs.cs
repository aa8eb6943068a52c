using static TorchSharp.torch;

namespace CrazyTrain.Training.Model;

/// <summary>Raw stride-4 maps: class logits [N,C,h,w], centre offset in cells [N,2,h,w], log(size / stride) [N,2,h,w].</summary>
internal sealed record HeadOutputs(Tensor Heat, Tensor Offset, Tensor LogSize);
