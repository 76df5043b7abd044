using Microsoft.Extensions.Options;

namespace ContactCenter.TwilioSimulator;

/// <summary>
/// A call redirected to a URL: like Twilio, the simulator requests it (signed POST) after answering the update, runs the
/// TwiML it returns, and requests a &lt;Record&gt; action the same way once the message is recorded.
/// </summary>
public sealed partial class SimulatorTwimlFetcher(
    SimulatedTwilio twilio, IHttpClientFactory clients, IOptions<SimulatorOptions> options, ILogger<SimulatorTwimlFetcher> logger)
{
    private int _running;

    /// <summary>No redirect is being fetched.</summary>
    public bool IsIdle => Volatile.Read(ref _running) == 0;

    public void Redirect(string callSid, string url)
    {
        Interlocked.Increment(ref _running);
        _ = Task.Run(async () =>
        {
            try
            {
                await FollowAsync(callSid, url, []);
            }
            finally
            {
                Interlocked.Decrement(ref _running);
            }
        });
    }

    private async Task FollowAsync(string callSid, string url, List<KeyValuePair<string, string>> extra)
    {
        for (var hops = 0; hops < 10; hops++)
        {
            var call = twilio.GetCall(callSid);
            List<KeyValuePair<string, string>> form =
            [
                new("AccountSid", SimulatedTwilio.AccountSid), new("ApiVersion", SimulatedTwilio.ApiVersion), new("CallSid", call.Sid),
                new("CallStatus", call.Status), new("Direction", call.Direction), new("From", call.From), new("To", call.To), .. extra,
            ];
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
            request.Headers.Add(SimulatorSignature.HeaderName, SimulatorSignature.Compute(options.Value.AuthToken, url, form));
            try
            {
                using var response = await clients.CreateClient(SimulatorCallbackDispatcher.ClientName).SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                if (!response.IsSuccessStatusCode)
                {
                    LogFailed(logger, callSid, $"HTTP {(int)response.StatusCode}");
                    twilio.FailCall(callSid);
                    return;
                }

                twilio.ApplyTwiml(callSid, TwimlInstructions.Parse(body));
            }
            catch (Exception error) when (error is HttpRequestException or SimulatorApiException or TaskCanceledException)
            {
                LogFailed(logger, callSid, error.Message);
                twilio.FailCall(callSid);
                return;
            }

            if (twilio.TakeRecordAction(callSid) is not { } action)
            {
                return;
            }

            (url, extra) = (action.Url, action.Form);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simulated call {CallSid}: fetching its redirect TwiML failed ({Error}); the call fails as on Twilio")]
    private static partial void LogFailed(ILogger logger, string callSid, string error);
}
