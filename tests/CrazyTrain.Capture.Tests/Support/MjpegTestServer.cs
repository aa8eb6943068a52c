using System.Net;
using System.Net.Sockets;
using System.Text;
using OpenCvSharp;

namespace CrazyTrain.Capture.Tests.Support;

/// <summary>
/// A tiny MJPEG-over-HTTP camera on 127.0.0.1: answers every connection with
/// <c>multipart/x-mixed-replace</c> and numbered JPEG frames, then hangs up or goes silent.
/// </summary>
internal sealed class MjpegTestServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;
    private int _connections;
    private bool _down;

    public MjpegTestServer(
        int frames,
        bool sendContentLength = true,
        bool hangUpAfterFrames = true,
        string contentType = "multipart/x-mixed-replace; boundary=frame",
        TimeSpan? frameInterval = null,
        Func<int, byte[], byte[]>? alterJpeg = null)
    {
        AlterJpeg = alterJpeg ?? ((_, jpeg) => jpeg);
        FrameInterval = frameInterval ?? TimeSpan.Zero;
        Frames = frames;
        SendContentLength = sendContentLength;
        HangUpAfterFrames = hangUpAfterFrames;
        ContentType = contentType;
        _listener.Start();
        _serving = ServeAsync();
    }

    public int Frames { get; }

    /// <summary>Turns frame N's JPEG into what the camera sends instead (a forged header, say).</summary>
    public Func<int, byte[], byte[]> AlterJpeg { get; }

    public TimeSpan FrameInterval { get; }

    /// <summary>While set, the camera is "unplugged": streams break off and new connections are cut at once.</summary>
    public bool Down
    {
        get => Volatile.Read(ref _down);
        set => Volatile.Write(ref _down, value);
    }

    public bool SendContentLength { get; }

    public bool HangUpAfterFrames { get; }

    public string ContentType { get; }

    public int Connections => Volatile.Read(ref _connections);

    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/stream.mjpg";

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _serving.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            Interlocked.Increment(ref _connections);
            _ = Task.Run(() => ServeClientAsync(client));
        }
    }

    private async Task ServeClientAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                if (Down)
                {
                    return;
                }

                await SkipRequestAsync(stream);
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: {ContentType}\r\nConnection: close\r\n\r\n"), _stop.Token);
                for (var index = 0; index < Frames && !Down; index++)
                {
                    if (FrameInterval > TimeSpan.Zero)
                    {
                        await Task.Delay(FrameInterval, _stop.Token);
                    }

                    using var frame = TestVideos.Solid(96, 64, TestVideos.LevelFor(index));
                    Cv2.ImEncode(".jpg", frame, out var encoded);
                    var jpeg = AlterJpeg(index, encoded);
                    var length = SendContentLength ? $"Content-Length: {jpeg.Length}\r\n" : string.Empty;
                    await stream.WriteAsync(Encoding.ASCII.GetBytes($"--frame\r\nContent-Type: image/jpeg\r\n{length}\r\n"), _stop.Token);
                    // Split each image over two writes so the reader meets images across buffer boundaries.
                    await stream.WriteAsync(jpeg.AsMemory(0, jpeg.Length / 2), _stop.Token);
                    await stream.FlushAsync(_stop.Token);
                    await stream.WriteAsync(jpeg.AsMemory(jpeg.Length / 2), _stop.Token);
                    await stream.WriteAsync("\r\n"u8.ToArray(), _stop.Token);
                }

                if (!HangUpAfterFrames && !Down)
                {
                    await Task.Delay(Timeout.Infinite, _stop.Token);
                }
            }
            catch (Exception exception) when (exception is IOException or OperationCanceledException or SocketException)
            {
            }
        }
    }

    private async Task SkipRequestAsync(NetworkStream stream)
    {
        var seen = new List<byte>();
        var buffer = new byte[1];
        while (!(seen.Count >= 4 && seen[^4] == '\r' && seen[^3] == '\n' && seen[^2] == '\r' && seen[^1] == '\n'))
        {
            if (await stream.ReadAsync(buffer, _stop.Token) == 0)
            {
                return;
            }

            seen.Add(buffer[0]);
        }
    }
}
