using CrazyTrain.Training.Data;
using CrazyTrain.Training.Training;
using OpenCvSharp;

namespace CrazyTrain.Training.Tests;

public class CropSamplerTests
{
    private const int Crop = 128;

    [Fact]
    public void Some_crops_are_placed_around_distractor_signs()
    {
        // A dark frame with one bright distractor in a corner and no targets: random placement would take it into
        // about 1 crop in 300; the sampler's hard-negative share must take it into many more.
        using var frame = new Mat(480, 640, MatType.CV_8UC3, Scalar.All(0));
        frame[new Rect(20, 20, 20, 20)].SetTo(Scalar.All(255));
        using var image = new TrainingImage(frame.Clone(), [], [new LabelledBox(-1, 20, 20, 40, 40)]);
        var sampler = new CropSampler([image], Crop, classes: 5, seed: 11);

        var withDistractor = 0;
        const int batches = 25;
        const int size = 16;
        for (var b = 0; b < batches; b++)
        {
            var batch = sampler.Next(size);
            for (var slot = 0; slot < size; slot++)
            {
                withDistractor += batch.Images.AsSpan(slot * 3 * Crop * Crop, 3 * Crop * Crop).ToArray().Any(v => v > 0.5f) ? 1 : 0;
            }

            Assert.Equal(0, batch.Objects);
        }

        Assert.InRange(withDistractor / (double)(batches * size), 0.08, 0.3);
    }

    [Fact]
    public void Without_annotations_crops_centre_on_targets_as_before()
    {
        using var frame = new Mat(480, 640, MatType.CV_8UC3, Scalar.All(0));
        using var image = new TrainingImage(frame.Clone(), [new LabelledBox(2, 300, 200, 330, 230)]);
        var sampler = new CropSampler([image], Crop, classes: 5, seed: 11);

        var batch = sampler.Next(32);

        Assert.Empty(image.Distractors);
        Assert.InRange(batch.Objects, 20, 32); // about 70 % centred on the sign, plus random crops that happen to hold it
    }

    [Fact]
    public void Focus_crops_find_the_focus_classes_in_whichever_frame_they_are()
    {
        using var blank = new Mat(480, 640, MatType.CV_8UC3, Scalar.All(0));
        var images = Enumerable.Range(0, 9).Select(_ => new TrainingImage(blank.Clone(), [new LabelledBox(0, 100, 100, 130, 130)])).ToList();
        images.Add(new TrainingImage(blank.Clone(), [new LabelledBox(3, 400, 300, 430, 330)]));
        try
        {
            var sampler = new CropSampler(images, Crop, classes: 5, seed: 2, focus: new HashSet<int> { 3 }, focusShare: 1.0);
            var batch = sampler.Next(16);

            var plane = batch.Grid * batch.Grid;
            for (var slot = 0; slot < batch.Batch; slot++)
            {
                var heat50 = batch.Heat.AsSpan(((slot * batch.Classes) + 3) * plane, plane);
                Assert.Contains(1f, heat50.ToArray()); // the one speed_limit_50 of ten frames is in every crop
            }
        }
        finally
        {
            images.ForEach(i => i.Dispose());
        }
    }

    [Fact]
    public void Small_sign_crops_find_the_small_signs_in_whichever_frame_they_are()
    {
        using var blank = new Mat(480, 640, MatType.CV_8UC3, Scalar.All(0));
        var images = Enumerable.Range(0, 9).Select(_ => new TrainingImage(blank.Clone(), [new LabelledBox(1, 100, 100, 140, 140)])).ToList();
        images.Add(new TrainingImage(blank.Clone(), [new LabelledBox(4, 400, 300, 412, 311)]));
        try
        {
            var sampler = new CropSampler(images, Crop, classes: 5, seed: 2, smallShare: 1.0);
            var batch = sampler.Next(16);

            var plane = batch.Grid * batch.Grid;
            for (var slot = 0; slot < batch.Batch; slot++)
            {
                var danger = batch.Heat.AsSpan(((slot * batch.Classes) + 4) * plane, plane);
                Assert.Contains(1f, danger.ToArray()); // the one 12 px sign of ten frames is in every crop
            }
        }
        finally
        {
            images.ForEach(i => i.Dispose());
        }
    }
}
