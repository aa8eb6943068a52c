using CrazyTrain.AppHost;
using CrazyTrain.AppHost.Kafka;

var builder = DistributedApplication.CreateBuilder(args);
var mode = builder.GetTrainMode();

// The backbone: frames, detections, orders and telemetry travel over Kafka (Kafka:Broker chooses which one).
var kafka = builder.AddKafka("kafka");

// Simulation: the twin is the train's world (track, signs, motor physics) and holds the virtual City hub.
// Hardware (and published deployments) have the real train instead: no twin.
var twin = builder.AddTwin(mode);

// Camera (in Simulation the twin's rendered view, or a sample video) -> train.frames
var capture = builder.AddProject<Projects.CrazyTrain_Capture>("capture")
    .WithTrainMode(mode)
    .WithCamera(mode, twin)
    .WithReference(kafka).WaitFor(kafka)
    .WithHttpHealthCheck("/health");

// train.frames -> model -> train.detections
var inference = builder.AddProject<Projects.CrazyTrain_Inference>("inference")
    .WithTrainMode(mode)
    .WithReference(kafka).WaitFor(kafka)
    .WithHttpHealthCheck("/health");

// train.detections -> driving policy -> hub (the twin's in Simulation), train.orders, train.telemetry
var controller = builder.AddProject<Projects.CrazyTrain_Controller>("controller")
    .WithTrainMode(mode)
    .WithReference(kafka).WaitFor(kafka)
    .WithHub(twin)
    .WithHttpHealthCheck("/health");

// The operator console: live view and controls, reading every topic and calling the services by name.
// Actions need the operator token once the console is reachable beyond localhost; for local runs the
// parameter generates its own value (shown with the parameters in the dashboard), so running needs no setup.
var consoleOperatorToken = builder.AddParameter(
    "console-operator-token",
    new GenerateParameterDefault { MinLength = 32, Special = false },
    secret: true);
builder.AddProject<Projects.CrazyTrain_Console>("console")
    .WithTrainMode(mode)
    .WithReference(kafka).WaitFor(kafka)
    // Plain http endpoints only: inside the cluster the services are not offered over https.
    .WithReference(capture.GetEndpoint("http"))
    .WithReference(inference.GetEndpoint("http"))
    .WithReference(controller.GetEndpoint("http"))
    .WithEnvironment("Console__OperatorToken", consoleOperatorToken)
    .WithHttpHealthCheck("/health")
    .WithExternalHttpEndpoints();

builder.Build().Run();
