using ContactCenter.Api.Control;
using ContactCenter.Api.Twilio;
using ContactCenter.Api.Twilio.Rest;
using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Routing;

/// <summary>
/// A caller waited longer than the queue allows: "voicemail" redirects the call to <c>/voicemail</c>, "overflow"
/// to TwiML dialing the queue's allow-listed overflow number. Exactly one UpdateCall; a refusal or a Twilio failure
/// (classified by <see cref="TwilioFailures"/>) is logged, never thrown: the caller then simply keeps waiting.
/// </summary>
public sealed partial class MaxWaitRedirect(
    ITwilioRestClient twilio,
    TwilioFailures failures,
    DialPolicy dialPolicy,
    IOptionsMonitor<TwilioOptions> twilioOptions,
    IOptionsMonitor<RoutingOptions> routing,
    ILogger<MaxWaitRedirect> logger) : IMaxWaitAction
{
    public const string Voicemail = "voicemail";
    public const string OverflowAction = "overflow";

    public async Task RunAsync(QueueEntryView entry, string action, CancellationToken cancellationToken)
    {
        if (!Sids.IsCallSid(entry.CallerCallSid) || !QueueWaitEndpoints.IsQueueId(entry.QueueId))
        {
            LogRefused(logger, action, entry.CallerCallSid, "malformed CallSid or queue id");
            return;
        }

        if (twilioOptions.CurrentValue.PublicBaseUrl is not { Length: > 0 } configured)
        {
            LogRefused(logger, action, entry.CallerCallSid, "Twilio:PublicBaseUrl is not configured, so Twilio cannot be sent back to this service");
            return;
        }

        var baseUrl = configured.TrimEnd('/');
        UpdateCallRequest request;
        switch (action)
        {
            case Voicemail:
                request = new UpdateCallRequest { Url = QueueWaitTwiml.VoicemailUrl(baseUrl, entry.QueueId) };
                break;
            case OverflowAction:
                var target = dialPolicy.Overflow(OverflowNumberFor(entry.QueueId));
                if (!target.IsOk)
                {
                    LogRefused(logger, action, entry.CallerCallSid, target.Error!.Detail);
                    return;
                }

                request = new UpdateCallRequest { Twiml = QueueWaitTwiml.Overflow(target.Value!.Endpoint, dialPolicy.CallerId).ToString() };
                break;
            default:
                LogRefused(logger, action, entry.CallerCallSid, "unknown max-wait action");
                return;
        }

        try
        {
            await twilio.UpdateCallAsync(entry.CallerCallSid, request, cancellationToken);
            LogRedirected(logger, entry.CallerCallSid, entry.QueueId, action);
        }
        catch (Exception error) when (failures.Classify(error, "redirect the waiting caller", dials: false, cancellationToken) is { } failure)
        {
            LogFailed(logger, action, entry.CallerCallSid, failure.Outcome, failure.Detail);
        }
        catch (ArgumentException error)
        {
            LogRefused(logger, action, entry.CallerCallSid, error.Message);
        }
    }

    /// <summary>The queue's overflow number (validated against the transfer allow-list at start).</summary>
    private string? OverflowNumberFor(string queueId) => routing.CurrentValue.Queues.FirstOrDefault(q => q.Id == queueId)?.OverflowNumber;

    [LoggerMessage(Level = LogLevel.Information, Message = "Redirected waiting caller {CallSid} of queue {QueueId}: {Action}")]
    private static partial void LogRedirected(ILogger logger, string callSid, string queueId, string action);

    // Details name numbers only masked (DialPolicy masks them).
    [LoggerMessage(Level = LogLevel.Warning, Message = "Did not run max-wait {Action} for {CallSid}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string action, string callSid, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Max-wait {Action} for {CallSid} failed ({Outcome}): {Detail}")]
    private static partial void LogFailed(ILogger logger, string action, string callSid, string outcome, string detail);
}
