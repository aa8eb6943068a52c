using CrazyTrain.AppHost;
using CrazyTrain.AppHost.Kafka;

var builder = DistributedApplication.CreateBuilder(args);
var mode = builder.GetTrainMode();

// The backbone: frames, detections, orders and telemetry travel over Kafka (Kafka:Broker chooses which one).
var kafka = builder.AddKafka("kafka");

// One operator credential for every operator action (capture, controller, console); generated for local runs.
var operatorToken = builder.AddOperatorToken();

// Camera (or its stand-in) -> train.frames
var capture = builder.AddProject<Projects.CrazyTrain_Capture>("capture")
    .WithTrainMode(mode)
    .WithCamera(mode)
    .WithOperatorToken(operatorToken)
    .WithReference(kafka).WaitFor(kafka)
    .WithHttpHealthCheck("/health");

// train.frames -> model -> train.detections
var inference = builder.AddProject<Projects.CrazyTrain_Inference>("inference")
    .WithTrainMode(mode)
    .WithReference(kafka).WaitFor(kafka)
    .WithHttpHealthCheck("/health");

// train.detections -> driving policy -> hub (or its stand-in), train.orders, train.telemetry
var controller = builder.AddProject<Projects.CrazyTrain_Controller>("controller")
    .WithTrainMode(mode)
    .WithOperatorToken(operatorToken)
    .WithStateFolder()
    .WithReference(kafka).WaitFor(kafka)
    .WithHttpHealthCheck("/health");

// The operator console: live view and controls, reading every topic and calling the services by name with the
// operator token it holds. Browsers sign in through the login link the dashboard shows beside the console's URL.
builder.AddProject<Projects.CrazyTrain_Console>("console")
    .WithTrainMode(mode)
    .WithReference(kafka).WaitFor(kafka)
    // Plain http endpoints only: inside the cluster the services are not offered over https.
    .WithReference(capture.GetEndpoint("http"))
    .WithReference(inference.GetEndpoint("http"))
    .WithReference(controller.GetEndpoint("http"))
    .WithOperatorToken(operatorToken)
    .WithOperatorLoginLink(operatorToken)
    .WithHttpHealthCheck("/health")
    .WithExternalHttpEndpoints();

builder.Build().Run();
