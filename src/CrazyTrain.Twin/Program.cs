using CrazyTrain.Twin;
using CrazyTrain.Twin.Api;
using CrazyTrain.Twin.Camera;
using CrazyTrain.Twin.HubLink;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddTwin();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapTwinApi();
app.MapTwinMapApi();
app.MapCameraStream();
app.MapHubLinkDrop();
app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
