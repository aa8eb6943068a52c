using System.Diagnostics;
using System.Globalization;
using CrazyTrain.Messaging;

namespace CrazyTrain.Capture;

/// <summary>
/// Foundation stage only: publishes a fixed test card twice a second so the backbone can be exercised end to
/// end. The capture issue replaces it with real camera and video sources.
/// </summary>
internal sealed class TestCardPublisher(ITrainProducer producer) : BackgroundService
{
    private static readonly ActivitySource Source = new("CrazyTrain.Capture");
    private static readonly byte[] TestCard = Convert.FromBase64String("/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAoHBwgHBgoICAgLCgoLDhgQDg0NDh0VFhEYIx8lJCIfIiEmKzcvJik0KSEiMEExNDk7Pj4+JS5ESUM8SDc9Pjv/2wBDAQoLCw4NDhwQEBw7KCIoOzs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozv/wAARCAAwAEADASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwDBooooAKKKKACiiigAooooA1NB8Q3nh25lns47eRpU2N5yZwM54III/PB/AY9A8Ua7cQ+JdP0H7PbS2l4YTL5sW8nMuCOeMYX0/pXldd34svLV/iDo06XMLQxi3Z5A4KqPMLZJ7DaQfoQaAN3xFrPivS7i6nstLtpdNhAYTNlmxgbiQHBwDnt0GfeodEnurjwy+t6Pp1hPrNzM/n9Exl+R1/uhTgkZ+8ck8x+JvCniLWdTuXttUjSwm2bbeS4kCjCjqoBH3hmsjSvCL/Z7iPTtfWDXYJGjliin2qEBAIyvzEdDnpn5SAQcADdU8ZeRdWl2uhx2uuQ5F088OAQVxjH3uRggnBAGMkE51/FPiu/stA0uSKG2Y6pas0wkjLBcovQE4x8x4Oap+PWMHhzTrLUryG61dZPMd1QA7CGzjA4XO0ds7c44OMzxhcQTeHvDKRTRyMlmdwVgSvyoOfxVh9QfSgDkqKKKACiiigAooooAKKKKACiiigD/2Q==");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        var frameId = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            // One trace per frame starts here.
            using var activity = Source.StartActivity("frame", ActivityKind.Internal, parentContext: default);
            frameId++;
            activity?.SetTag("crazytrain.frame.id", frameId);
            producer.Publish(TrainMessage.Create(Topics.Frames, "test-card", TestCard, new Dictionary<string, string>
            {
                [FrameHeaders.FrameId] = frameId.ToString(CultureInfo.InvariantCulture),
                [FrameHeaders.CapturedAt] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
                [FrameHeaders.Width] = "64",
                [FrameHeaders.Height] = "48",
                [FrameHeaders.ContentType] = "image/jpeg",
            }));
        }
    }
}
