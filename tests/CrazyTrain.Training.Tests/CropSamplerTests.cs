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
    public void Focus_crops_find_the_focus_classes_in_whichever_frame_they_are() =>
        // Nine frames with a 30 px stop sign, one with a 30 px speed_limit_50: focus crops hold the 50 every time.
        AssertEveryCropHolds(new LabelledBox(0, 100, 100, 130, 130), new LabelledBox(3, 400, 300, 430, 330), images =>
            new CropSampler(images, Crop, classes: 5, seed: 2, focus: new HashSet<int> { 3 }, focusShare: 1.0));

    [Fact]
    public void Small_sign_crops_find_the_small_signs_in_whichever_frame_they_are() =>
        // Nine frames with a 40 px no-entry sign, one with a 12 px danger sign: small-sign crops hold it every time.
        AssertEveryCropHolds(new LabelledBox(1, 100, 100, 140, 140), new LabelledBox(4, 400, 300, 412, 311), images =>
            new CropSampler(images, Crop, classes: 5, seed: 2, smallShare: 1.0));

    /// <summary>Ten frames, nine with <paramref name="common"/> and one with <paramref name="rare"/>: every crop must hold the rare sign's centre.</summary>
    private static void AssertEveryCropHolds(LabelledBox common, LabelledBox rare, Func<List<TrainingImage>, CropSampler> sampler)
    {
        using var blank = new Mat(480, 640, MatType.CV_8UC3, Scalar.All(0));
        var images = Enumerable.Range(0, 9).Select(_ => new TrainingImage(blank.Clone(), [common])).ToList();
        images.Add(new TrainingImage(blank.Clone(), [rare]));
        try
        {
            var batch = sampler(images).Next(16);

            var plane = batch.Grid * batch.Grid;
            for (var slot = 0; slot < batch.Batch; slot++)
            {
                var heat = batch.Heat.AsSpan(((slot * batch.Classes) + rare.ClassId) * plane, plane);
                Assert.Contains(1f, heat.ToArray());
            }
        }
        finally
        {
            images.ForEach(i => i.Dispose());
        }
    }
}
