using CrazyTrain.Training.Data;
using OpenCvSharp;

namespace CrazyTrain.Training.Training;

/// <summary>
/// Draws training crops at (about) native scale from full frames, so the fully convolutional model learns the
/// sign sizes it meets on whole 640x480 frames. Most crops are placed around a sign; the rest anywhere, so the
/// model also sees plenty of background; some are placed around a distractor sign, the hard negatives (a no-horn
/// sign's red ring, a traffic light's yellow box) that random crops meet too rarely. A fine-tuning run may aim a share
/// of the crops at the classes the model confuses (<paramref name="focus"/>) and a share of the others at small signs
/// (<paramref name="smallShare"/>). Deterministic for a given seed.
/// </summary>
public sealed class CropSampler(IReadOnlyList<TrainingImage> images, int crop, int classes, int seed, IReadOnlySet<int>? focus = null, double focusShare = 0, double smallShare = 0)
{
    /// <summary>
    /// Target signs narrower than this (frame pixels) are small: the size band where the detector finds the sign but
    /// scores it below the operating threshold (model 1.5.0 on the held-out renders: AP 0.65 under 16 px, 0.94 above).
    /// </summary>
    public const float SmallSignWidth = 16f;

    private const double SignCentredShare = 0.7;
    private const double DistractorCentredShare = 0.15;
    private const double MinScale = 0.75;
    private const double MaxScale = 1.33;
    private const double MinVisible = 0.6;
    private readonly Random random = new(seed);

    /// <summary>Every sign of a focus class in the data set, so focus crops reach them whichever frame they are in.</summary>
    private readonly (TrainingImage Image, LabelledBox Box)[] focusSigns = focus is null
        ? []
        : images.SelectMany(i => i.Boxes.Where(b => focus.Contains(b.ClassId)).Select(b => (i, b))).ToArray();

    /// <summary>Every small target sign, for the crops aimed at them (none drawn unless asked, so older runs repeat).</summary>
    private readonly (TrainingImage Image, LabelledBox Box)[] smallSigns = smallShare <= 0
        ? []
        : images.SelectMany(i => i.Boxes.Where(b => b.Width < SmallSignWidth).Select(b => (i, b))).ToArray();

    public TrainingBatch Next(int batchSize)
    {
        var batch = new TrainingBatch(batchSize, classes, crop);
        for (var slot = 0; slot < batchSize; slot++)
        {
            TrainingImage image;
            LabelledBox? focusSign = null;
            if (focusSigns.Length > 0 && random.NextDouble() < focusShare)
            {
                (image, focusSign) = focusSigns[random.Next(focusSigns.Length)];
            }
            else if (smallSigns.Length > 0 && random.NextDouble() < smallShare)
            {
                (image, focusSign) = smallSigns[random.Next(smallSigns.Length)];
            }
            else
            {
                image = images[random.Next(images.Count)];
            }

            var scale = Math.Exp(Augment.Lerp(Math.Log(MinScale), Math.Log(MaxScale), random.NextDouble()));
            var window = crop / scale;
            double left;
            double top;
            var pick = random.NextDouble();
            IReadOnlyList<LabelledBox>? around = focusSign is not null ? [focusSign]
                : image.Distractors.Count > 0 && pick < DistractorCentredShare ? image.Distractors
                : image.Boxes.Count > 0 && pick < DistractorCentredShare + SignCentredShare ? image.Boxes
                : null;
            if (around is not null)
            {
                var box = around[random.Next(around.Count)];
                var cx = (box.X1 + box.X2) / 2.0;
                var cy = (box.Y1 + box.Y2) / 2.0;
                left = cx - (window * Augment.Lerp(0.15, 0.85, random.NextDouble()));
                top = cy - (window * Augment.Lerp(0.15, 0.85, random.NextDouble()));
            }
            else
            {
                left = random.NextDouble() * Math.Max(0, image.Width - window);
                top = random.NextDouble() * Math.Max(0, image.Height - window);
            }

            left = Math.Clamp(left, Math.Min(0, image.Width - window), Math.Max(0, image.Width - window));
            top = Math.Clamp(top, Math.Min(0, image.Height - window), Math.Max(0, image.Height - window));

            var gains = new float[3];
            Augment.ColourGains(random, gains, divisor: 255.0);

            WriteCrop(image, batch, slot, left, top, scale, gains);
            var boxes = image.Boxes
                .Select(b => new LabelledBox(b.ClassId, (float)((b.X1 - left) * scale), (float)((b.Y1 - top) * scale), (float)((b.X2 - left) * scale), (float)((b.Y2 - top) * scale)))
                .Select(Clip)
                .Where(b => b is not null)
                .Select(b => b!);
            batch.Objects += TargetEncoder.Encode(batch, slot, boxes);
        }

        return batch;
    }

    private LabelledBox? Clip(LabelledBox box)
    {
        var x1 = Math.Max(0, box.X1);
        var y1 = Math.Max(0, box.Y1);
        var x2 = Math.Min(crop, box.X2);
        var y2 = Math.Min(crop, box.Y2);
        if (x2 <= x1 || y2 <= y1)
        {
            return null;
        }

        var visible = (x2 - x1) * (y2 - y1) / (box.Width * box.Height);
        return visible < MinVisible ? null : new LabelledBox(box.ClassId, x1, y1, x2, y2);
    }

    private unsafe void WriteCrop(TrainingImage image, TrainingBatch batch, int slot, double left, double top, double scale, float[] gains)
    {
        using var transform = new Mat(2, 3, MatType.CV_64FC1);
        transform.Set(0, 0, scale);
        transform.Set(0, 1, 0.0);
        transform.Set(0, 2, -left * scale);
        transform.Set(1, 0, 0.0);
        transform.Set(1, 1, scale);
        transform.Set(1, 2, -top * scale);
        using var output = new Mat();
        Cv2.WarpAffine(image.Bgr, output, transform, new Size(crop, crop), InterpolationFlags.Linear, BorderTypes.Constant, Scalar.All(114));
        var plane = crop * crop;
        var offset = slot * 3 * plane;
        var data = (byte*)output.Data;
        var step = (int)output.Step();
        for (var y = 0; y < crop; y++)
        {
            var row = data + (y * step);
            for (var x = 0; x < crop; x++)
            {
                var p = row + (x * 3);
                var i = offset + (y * crop) + x;
                batch.Images[i] = Math.Min(1f, p[2] * gains[0]);
                batch.Images[i + plane] = Math.Min(1f, p[1] * gains[1]);
                batch.Images[i + (2 * plane)] = Math.Min(1f, p[0] * gains[2]);
            }
        }
    }
}
