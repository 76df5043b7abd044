using Microsoft.Extensions.Options;

namespace ContactCenter.TwilioSimulator;

/// <summary>A caller dials the service's number: Twilio posts the signed /voice webhook and executes the TwiML answer.</summary>
public sealed partial class InboundCallPlacer(
    SimulatedTwilio twilio,
    IHttpClientFactory clients,
    IOptions<SimulatorOptions> options,
    SimulatorAddress address,
    ILogger<InboundCallPlacer> logger)
{
    public async Task<InboundCallResult> PlaceAsync(string from, string to, CancellationToken cancellationToken)
    {
        var call = twilio.CreateInboundCall(from, to);
        LogPlacing(logger, call.Sid, Mask(from));
        var url = address.ServiceBaseUrl + "/voice";
        var form = new List<KeyValuePair<string, string>>
        {
            new("AccountSid", SimulatedTwilio.AccountSid),
            new("ApiVersion", SimulatedTwilio.ApiVersion),
            new("CallSid", call.Sid),
            new("CallStatus", CallStatus.Ringing),
            new("Called", to),
            new("Caller", from),
            new("Direction", "inbound"),
            new("From", from),
            new("To", to),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add(SimulatorSignature.HeaderName, SimulatorSignature.Compute(options.Value.AuthToken, url, form));

        string body;
        int status;
        try
        {
            using var response = await clients.CreateClient(SimulatorCallbackDispatcher.ClientName).SendAsync(request, cancellationToken);
            status = (int)response.StatusCode;
            body = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (HttpRequestException error)
        {
            LogWebhookFailed(logger, call.Sid, url, error.Message);
            return new InboundCallResult(twilio.FailCall(call.Sid), 0);
        }

        if (status is < 200 or > 299)
        {
            LogWebhookFailed(logger, call.Sid, url, $"HTTP {status}");
            return new InboundCallResult(twilio.FailCall(call.Sid), status);
        }

        try
        {
            return new InboundCallResult(twilio.ApplyTwiml(call.Sid, TwimlInstructions.Parse(body)), status);
        }
        catch (SimulatorApiException error)
        {
            LogWebhookFailed(logger, call.Sid, url, error.Message);
            return new InboundCallResult(twilio.FailCall(call.Sid), status);
        }
    }

    /// <summary>Phone numbers never reach a log in full: all but the last four characters are masked.</summary>
    private static string Mask(string number) =>
        number.Contains(':', StringComparison.Ordinal) ? number[..(number.IndexOf(':') + 1)] + "***"
        : string.Concat(number.Select((c, i) => i >= number.Length - 4 || c == '+' ? c : '*'));

    [LoggerMessage(Level = LogLevel.Information, Message = "Simulator placing inbound call {CallSid} from {From}")]
    private static partial void LogPlacing(ILogger logger, string callSid, string from);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simulated call {CallSid}: the voice webhook {Url} failed ({Error}); the call fails as on Twilio")]
    private static partial void LogWebhookFailed(ILogger logger, string callSid, string url, string error);
}

/// <summary>The call after its webhook, and the webhook's HTTP status (0 when unreachable).</summary>
public sealed record InboundCallResult(CallSnapshot Call, int WebhookStatus);

/// <summary>Where the service is reachable for the simulator's webhooks (and where its REST API lives).</summary>
public sealed record SimulatorAddress(string ServiceBaseUrl)
{
    public string ApiBaseUrl => ServiceBaseUrl + SimulatorActivation.RestPrefix;
}
