using CrazyTrain.Twin;
using CrazyTrain.Twin.Api;
using CrazyTrain.Twin.Camera;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddTwin();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapTwinApi();
app.MapEpisodeApi();
app.MapCameraStream();
app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
