using System.Text.Json.Serialization;
using CrazyTrain.Capture;
using CrazyTrain.Capture.Api;
using CrazyTrain.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddTrainMessaging();
builder.AddCapture();
builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapCaptureEndpoints();
app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
