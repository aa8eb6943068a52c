using System.Text;
using CrazyTrain.Twin.Camera;
using CrazyTrain.Twin.World;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenCvSharp;

namespace CrazyTrain.Twin.Tests.Camera;

public sealed class CameraStreamTests
{
    [Fact]
    public async Task The_stream_serves_640x480_jpegs_of_the_track_ahead_with_the_stop_sign_in_view()
    {
        // The train stands 40 cm before the STOP sign on the oval's far straight.
        await using var twin = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("CrazyTrain:Twin:HubPort", "0");
            web.UseSetting("CrazyTrain:Twin:StartCm", "100");
        });
        var http = twin.CreateClient();
        using var response = await http.GetAsync(CameraStreamApi.Path, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("multipart/x-mixed-replace", response.Content.Headers.ContentType!.MediaType);
        await using var body = await response.Content.ReadAsStreamAsync();

        var first = await ReadPartAsync(body);
        var second = await ReadPartAsync(body);

        using var image = Cv2.ImDecode(second, ImreadModes.Color);
        Assert.Equal(new Size(640, 480), image.Size());
        Assert.NotEqual(first, second);
        var latest = twin.Services.GetRequiredService<CameraFeed>().Latest!;
        Assert.Contains(latest.Targets, t => t.Label == "stop" && t.WidthPx >= 12);
        var seen = Assert.Single(twin.Services.GetRequiredService<TwinWorld>().Snapshot().Events, e => e.Kind == "sign-visible");
        Assert.StartsWith("the stop sign is ", seen.Message);
        Assert.EndsWith(" in frame 1", seen.Message);
    }

    /// <summary>Reads one part by its Content-Length, the way capture's MJPEG reader does when the header is there.</summary>
    private static async Task<byte[]> ReadPartAsync(Stream body)
    {
        var length = -1;
        while (true)
        {
            var line = await ReadLineAsync(body);
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                length = int.Parse(line["Content-Length:".Length..].Trim());
            }
            else if (line.Length == 0 && length > 0)
            {
                break;
            }
        }

        var jpeg = new byte[length];
        await body.ReadExactlyAsync(jpeg);
        return jpeg;
    }

    private static async Task<string> ReadLineAsync(Stream body)
    {
        var line = new StringBuilder();
        var one = new byte[1];
        while (await body.ReadAsync(one) == 1 && one[0] != '\n')
        {
            if (one[0] != '\r')
            {
                line.Append((char)one[0]);
            }
        }

        return line.ToString();
    }
}
