using System.Text;
using CrazyTrain.Controller.Detections;
using CrazyTrain.Controller.Driving;

namespace CrazyTrain.Controller.Tests.Detections;

/// <summary>The <c>train.detections</c> value as docs/contracts.md writes it: how near each sign is comes from its box.</summary>
public class DetectionParserTests
{
    private static (bool Ok, DetectionFrame Frame, string Error) Parse(string json)
    {
        var ok = DetectionParser.TryParse(Encoding.UTF8.GetBytes(json), out var frame, out var error);
        return (ok, frame, error);
    }

    [Fact]
    public void The_contract_example_gives_the_box_width_as_a_share_of_the_frame_width()
    {
        var (ok, frame, error) = Parse("""
            {"frameId": 42, "capturedAt": "2026-11-28T16:00:00.123Z", "width": 640, "height": 480,
             "model": {"name": "crazytrain-signs", "version": "1.0.0"},
             "detections": [{"label": "stop", "confidence": 0.93, "box": {"x": 301.5, "y": 120.0, "width": 28.0, "height": 27.5}}],
             "timings": {"decodeMs": 2.1, "preprocessMs": 0.8, "inferenceMs": 7.9, "postprocessMs": 0.2}}
            """);

        Assert.True(ok, error);
        var sighting = Assert.Single(frame.Detections);
        Assert.Equal(("stop", 0.93, 28.0 / 640), (sighting.Label, sighting.Confidence, sighting.WidthFraction));
    }

    [Theory]
    [InlineData("""{"frameId": 42, "capturedAt": "2026-11-28T16:00:00.123Z", "width": 640, "detections": [{"label": "stop", "confidence": 0.9}]}""")]
    [InlineData("""{"frameId": 42, "capturedAt": "2026-11-28T16:00:00.123Z", "detections": [{"label": "stop", "confidence": 0.9, "box": {"x": 1, "y": 2, "width": 4, "height": 4}}]}""")]
    public void Without_a_box_or_a_frame_width_nobody_knows_how_near_the_sign_is(string json)
    {
        var (ok, frame, error) = Parse(json);

        Assert.True(ok, error);
        Assert.Null(Assert.Single(frame.Detections).WidthFraction);
    }

    [Theory]
    [InlineData("""{"frameId": 42, "capturedAt": "2026-11-28T16:00:00.123Z", "width": 0, "detections": []}""", "width 0 is not a frame width")]
    [InlineData("""{"frameId": 42, "capturedAt": "2026-11-28T16:00:00.123Z", "width": -640, "detections": []}""", "width -640 is not a frame width")]
    [InlineData("""{"frameId": 42, "capturedAt": "2026-11-28T16:00:00.123Z", "width": 640, "detections": [{"label": "stop", "confidence": 0.9, "box": {"x": 1, "y": 2}}]}""", "stop detection has a box without a width")]
    [InlineData("""{"frameId": 42, "capturedAt": "2026-11-28T16:00:00.123Z", "width": 640, "detections": [{"label": "stop", "confidence": 0.9, "box": {"width": -3}}]}""", "stop detection has a box without a width")]
    public void A_frame_or_box_width_that_is_no_width_is_a_clear_error(string json, string expected)
    {
        var (ok, _, error) = Parse(json);

        Assert.False(ok);
        Assert.Contains(expected, error);
    }
}
