using System.Text.Json;
using CrazyTrain.Inference.Tests.Support;
using CrazyTrain.SignModel.Batch;
using OpenCvSharp;

namespace CrazyTrain.Inference.Tests;

/// <summary>The offline <c>detect</c> verb, which the acceptance suite runs on real photos.</summary>
public sealed class DetectCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string _model;
    private readonly string _photos;

    public DetectCommandTests()
    {
        _model = new TestModel { Name = "signs", Version = "5.0.0", Anchors = [([8 + 3, 6, 8 + 27, 30], [0.9f, 0, 0, 0, 0])] }
            .WriteTo(_folder.File("models"), "signs.onnx");
        _photos = _folder.File("photos");
        Write("a.jpg", TestImages.Scene(640, 480));
        Write("sub/B.JPG", TestImages.Scene(320, 240, seed: 2));
        Write("sub/deeper/c.png", TestImages.Scene(100, 300, seed: 3, extension: ".png"));
        Write("d.bmp", TestImages.Scene(50, 50, seed: 4, extension: ".bmp"));
        // The original train camera's frames: WebP data in files named .jpg; also a TIFF and an unnamed WebP.
        Write("e.jpg", TestImages.Scene(640, 480, seed: 5, extension: ".webp"));
        Write("f.tif", TestImages.Scene(64, 48, seed: 6, extension: ".tiff"));
        Write("frame-0007", TestImages.Scene(64, 48, seed: 7, extension: ".webp"));
        Write("gray.jpeg", TestImages.Gray(640, 480, 90, ".jpg"));
        Write("broken.jpg", [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 0x4A, 0x46, 0x49, 0x46]);
        Write("notes.txt", "not an image"u8.ToArray());
    }

    private void Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_photos, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }

    private JsonElement Run(string input, float? threshold = null)
    {
        var output = _folder.File($"out/{Guid.NewGuid():N}/report.json");
        Assert.Equal(0, DetectCommand.Run(input, output, _model, threshold, "CPU", 1));
        return JsonDocument.Parse(File.ReadAllText(output)).RootElement;
    }

    [Fact]
    public void A_folder_is_searched_recursively_and_every_image_reported_by_its_relative_name()
    {
        var report = Run(_photos);

        var images = report.GetProperty("images").EnumerateArray().ToList();
        Assert.Equal(
            ["a.jpg", "broken.jpg", "d.bmp", "e.jpg", "f.tif", "frame-0007", "gray.jpeg", "sub/B.JPG", "sub/deeper/c.png"],
            images.Select(i => i.GetProperty("file").GetString()));

        var model = report.GetProperty("model");
        Assert.Equal("signs", model.GetProperty("name").GetString());
        Assert.Equal("5.0.0", model.GetProperty("version").GetString());
        Assert.Equal(TestModel.SignLabels, model.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));

        var first = images[0];
        Assert.Equal(640, first.GetProperty("width").GetInt32());
        Assert.Equal(480, first.GetProperty("height").GetInt32());
        var detection = Assert.Single(first.GetProperty("detections").EnumerateArray());
        Assert.Equal("stop", detection.GetProperty("label").GetString());
        Assert.True(first.GetProperty("timings").GetProperty("inferenceMs").GetDouble() > 0);

        Assert.Equal(100, images[8].GetProperty("width").GetInt32());
        Assert.Equal(300, images[8].GetProperty("height").GetInt32());
        Assert.Equal(640, images[6].GetProperty("width").GetInt32());

        var webp = images[3];
        Assert.Equal(640, webp.GetProperty("width").GetInt32());
        Assert.Equal(480, webp.GetProperty("height").GetInt32());
        Assert.Equal("stop", Assert.Single(webp.GetProperty("detections").EnumerateArray()).GetProperty("label").GetString());
        Assert.Equal(64, images[4].GetProperty("width").GetInt32());
        Assert.Equal(48, images[5].GetProperty("height").GetInt32());
    }

    [Fact]
    public void An_unreadable_image_is_reported_and_the_batch_goes_on()
    {
        var images = Run(_photos).GetProperty("images").EnumerateArray().ToList();

        var broken = images.Single(i => i.GetProperty("file").GetString() == "broken.jpg");
        Assert.Contains("corrupt", broken.GetProperty("error").GetString());
        Assert.False(broken.TryGetProperty("detections", out _));
        Assert.Equal(8, images.Count(i => i.TryGetProperty("detections", out _)));
    }

    [Fact]
    public void A_decompression_bomb_is_reported_with_its_reason_and_the_batch_goes_on()
    {
        var folder = _folder.File("bomb");
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, "a-bomb.png"), TestImages.PngDeclaring(20000, 20000));
        File.WriteAllBytes(Path.Combine(folder, "b.jpg"), TestImages.Scene(640, 480));

        var images = Run(folder).GetProperty("images").EnumerateArray().ToList();

        Assert.Equal("too-many-pixels", images[0].GetProperty("reason").GetString());
        Assert.Contains("20000x20000", images[0].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(640, images[1].GetProperty("width").GetInt32());
    }

    [Fact]
    public void A_single_file_is_reported_by_its_name_and_the_threshold_option_applies()
    {
        var report = Run(Path.Combine(_photos, "sub", "B.JPG"), threshold: 0.95f);

        var image = Assert.Single(report.GetProperty("images").EnumerateArray());
        Assert.Equal("B.JPG", image.GetProperty("file").GetString());
        Assert.Empty(image.GetProperty("detections").EnumerateArray());
        Assert.Equal(0.95f, report.GetProperty("model").GetProperty("threshold").GetSingle());
    }

    [Fact]
    public void A_huge_photo_is_detected_with_boxes_in_its_own_pixels()
    {
        using var huge = new Mat(3000, 4000, MatType.CV_8UC3, new Scalar(30, 120, 200));
        Write("huge/huge.jpg", TestImages.Encode(huge, ".jpg"));

        var image = Assert.Single(Run(Path.Combine(_photos, "huge")).GetProperty("images").EnumerateArray());
        Assert.Equal(4000, image.GetProperty("width").GetInt32());
        var box = Assert.Single(image.GetProperty("detections").EnumerateArray()).GetProperty("box");

        // 4000x3000 fills the 64x48 input exactly (scale 0.016, no padding): tensor x 11 is frame x 687.5.
        Assert.Equal(687.5f, box.GetProperty("x").GetSingle(), 1);
    }

    [Fact]
    public void Missing_input_or_model_fail_with_a_non_zero_exit_code()
    {
        Assert.Equal(2, DetectCommand.Run(_folder.File("nothing-here"), _folder.File("r.json"), _model, null, "CPU", 1));
        Assert.Equal(2, DetectCommand.Run(_photos, _folder.File("r.json"), _folder.File("missing.onnx"), null, "CPU", 1));
        Assert.False(File.Exists(_folder.File("r.json")));
    }

    [Fact]
    public void The_executable_runs_detect_with_the_shipped_model_path_by_default()
    {
        // A working directory laid out like the repository: models/crazytrain-signs.onnx.
        var repository = _folder.File("repo");
        File.Copy(_model, Path.Combine(Directory.CreateDirectory(Path.Combine(repository, "models")).FullName, "crazytrain-signs.onnx"));
        var output = Path.Combine(repository, "report.json");

        var (exitCode, _, error) = ServiceProcess.Run(["detect", "--input", _photos, "--output", output, "--providers", "CPU"], workingDirectory: repository);

        Assert.True(exitCode == 0, error);
        Assert.Contains("9 image(s), 8 detection(s), 1 unreadable", error);
        Assert.Equal(9, JsonDocument.Parse(File.ReadAllText(output)).RootElement.GetProperty("images").GetArrayLength());
    }

    [Fact]
    public void The_executable_names_a_missing_model_and_exits_non_zero()
    {
        var (exitCode, _, error) = ServiceProcess.Run(["detect", "--input", _photos, "--output", _folder.File("x.json"), "--model", _folder.File("nope.onnx")]);

        Assert.Equal(2, exitCode);
        Assert.Contains("nope.onnx", error);
        Assert.Contains("does not exist", error);
    }

    public void Dispose() => _folder.Dispose();
}
