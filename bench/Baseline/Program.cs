var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();

const string Twiml = "<?xml version=\"1.0\" encoding=\"utf-8\"?><Response><Say>Thank you for calling.</Say><Dial>" +
    "<Conference startConferenceOnEnter=\"true\" endConferenceOnExit=\"false\" participantLabel=\"customer\">room-CA0123456789abcdef0123456789abcdef</Conference>" +
    "</Dial></Response>";

app.MapGet("/healthz", () => "Healthy");
app.MapPost("/voice", () => Results.Text(Twiml, "application/xml"));
app.Run();
