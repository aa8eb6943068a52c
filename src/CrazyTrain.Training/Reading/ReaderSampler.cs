using CrazyTrain.Training.Data;
using CrazyTrain.Training.Model;
using CrazyTrain.Training.Training;

namespace CrazyTrain.Training.Reading;

/// <summary>A batch of reader crops [B,3,32,32] and their readings (index into <see cref="SignReader.Readings"/>).</summary>
public sealed class ReaderBatch(int size)
{
    public int Size { get; } = size;

    public float[] Crops { get; } = new float[size * 3 * SignCrop.Size * SignCrop.Size];

    public long[] Readings { get; } = new long[size];
}

/// <summary>
/// Draws reader crops the way the detector's candidates will arrive: a third "other", the rest shared by the target
/// classes, evenly or with the focus classes (the hardest to tell apart: 30 and 50) twice as often. Signs are cut around their labelled box moved and resized a little (the detector's boxes are a
/// few pixels off); "other" is a distractor sign (the no-horn sign's red ring, a traffic light's yellow box) or
/// background where the detector might fire (posters, lamps, track). Colours get the detector's gains.
/// Deterministic for a given seed.
/// </summary>
public sealed class ReaderSampler
{
    private const double OtherShare = 1.0 / 3;
    private const double DistractorShare = 0.5;

    /// <summary>With hard negatives, "other" is a distractor sign, a hard negative or background in these shares (the rest).</summary>
    public const double MinedDistractorShare = 0.4;

    public const double MinedShare = 0.3;

    private const double MaxShift = 0.12;
    private const double MinScale = 0.85;
    private const double MaxScale = 1.2;
    private const double MaxAspect = 0.1;

    private readonly IReadOnlyList<TrainingImage> images;
    private readonly (TrainingImage Image, LabelledBox Box)[][] signs;
    private readonly (TrainingImage Image, LabelledBox Box)[] mined;
    private readonly Random random;
    private readonly int[] pool;

    /// <param name="focus">Comma-separated labels drawn twice as often as the others (null: none).</param>
    /// <param name="hardNegatives">A model's confident mistakes on these images (<see cref="Evaluation.HardNegatives"/>), read as "other"; none: the draws of earlier runs.</param>
    public ReaderSampler(IReadOnlyList<TrainingImage> images, IReadOnlyList<string> labels, int seed, string? focus = null, IReadOnlyList<(int Image, LabelledBox Box)>? hardNegatives = null)
    {
        this.images = images;
        mined = hardNegatives?.Select(h => (images[h.Image], h.Box)).ToArray() ?? [];
        random = new Random(seed);
        var focused = focus?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet() ?? [];
        if (focused.FirstOrDefault(f => !labels.Contains(f)) is { } unknown)
        {
            throw new ArgumentException($"Unknown focus label '{unknown}' (labels: {string.Join(", ", labels)}).");
        }

        pool = Enumerable.Range(1, labels.Count).SelectMany(r => focused.Contains(labels[r - 1]) ? new[] { r, r } : [r]).ToArray();
        signs = new (TrainingImage, LabelledBox)[labels.Count + 1][];
        signs[0] = images.SelectMany(i => i.Distractors.Select(b => (i, b))).ToArray();
        for (var c = 0; c < labels.Count; c++)
        {
            var classId = c;
            signs[c + 1] = images.SelectMany(i => i.Boxes.Where(b => b.ClassId == classId).Select(b => (i, b))).ToArray();
            if (signs[c + 1].Length == 0)
            {
                throw new InvalidDataException($"The reader needs labelled signs of every class; the data has no {labels[c]}.");
            }
        }
    }

    /// <summary>Labelled signs available per reading (distractors, then each target class).</summary>
    public IReadOnlyList<int> SignCounts => signs.Select(s => s.Length).ToArray();

    /// <summary>Hard negatives drawn as "other".</summary>
    public int HardNegativeCount => mined.Length;

    public ReaderBatch Next(int size)
    {
        var batch = new ReaderBatch(size);
        var gains = new float[3];
        var cropLength = 3 * SignCrop.Size * SignCrop.Size;
        for (var slot = 0; slot < size; slot++)
        {
            var reading = random.NextDouble() < OtherShare ? 0 : pool[random.Next(pool.Length)];
            var (image, region) = reading == 0 ? Other() : Jittered(signs[reading][random.Next(signs[reading].Length)]);
            Augment.ColourGains(random, gains);

            SignCrop.Cut(image.Bgr, region, gains, batch.Crops.AsSpan(slot * cropLength, cropLength));
            batch.Readings[slot] = reading;
        }

        return batch;
    }

    /// <summary>A crop that is no target sign: a distractor sign, a hard negative (when there are any) or background.</summary>
    private (TrainingImage, (float, float, float, float)) Other()
    {
        if (mined.Length == 0)
        {
            // The draws of runs without hard negatives, unchanged.
            return signs[0].Length == 0 || random.NextDouble() >= DistractorShare ? Background() : Jittered(signs[0][random.Next(signs[0].Length)]);
        }

        var draw = random.NextDouble();
        return draw < MinedDistractorShare && signs[0].Length > 0 ? Jittered(signs[0][random.Next(signs[0].Length)])
            : draw < MinedDistractorShare + MinedShare ? Jittered(mined[random.Next(mined.Length)])
            : Background();
    }

    private (TrainingImage, (float, float, float, float)) Jittered((TrainingImage Image, LabelledBox Box) sign)
    {
        var box = sign.Box;
        var scale = Math.Exp(Augment.Lerp(Math.Log(MinScale), Math.Log(MaxScale), random.NextDouble()));
        var aspect = Math.Exp(Augment.Lerp(-MaxAspect, MaxAspect, random.NextDouble()));
        var w = box.Width * scale * aspect;
        var h = box.Height * scale / aspect;
        var cx = ((box.X1 + box.X2) / 2.0) + (box.Width * Augment.Lerp(-MaxShift, MaxShift, random.NextDouble()));
        var cy = ((box.Y1 + box.Y2) / 2.0) + (box.Height * Augment.Lerp(-MaxShift, MaxShift, random.NextDouble()));
        return (sign.Image, Region(cx, cy, w, h));
    }

    /// <summary>A sign-sized box anywhere that is not centred on a target sign.</summary>
    private (TrainingImage, (float, float, float, float)) Background()
    {
        while (true)
        {
            // A close-up can be all sign: after a few tries another frame is drawn.
            var image = images[random.Next(images.Count)];
            for (var attempt = 0; attempt < 10; attempt++)
            {
                var w = Math.Exp(Augment.Lerp(Math.Log(8), Math.Log(80), random.NextDouble()));
                var h = w * Math.Exp(Augment.Lerp(-0.3, 0.3, random.NextDouble()));
                var cx = random.NextDouble() * image.Width;
                var cy = random.NextDouble() * image.Height;
                if (!image.Boxes.Any(b => cx >= b.X1 && cx <= b.X2 && cy >= b.Y1 && cy <= b.Y2))
                {
                    return (image, Region(cx, cy, w, h));
                }
            }
        }
    }

    private static (float, float, float, float) Region(double cx, double cy, double w, double h) =>
        SignCrop.Region((float)(cx - (w / 2)), (float)(cy - (h / 2)), (float)(cx + (w / 2)), (float)(cy + (h / 2)));
}
