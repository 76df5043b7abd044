using ContactCenter.Api.Control;
using ContactCenter.Api.Storage;
using ContactCenter.Api.Twilio;
using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Routing;

/// <summary>How a dial of a claimed agent ended, following Control/TwilioFailures' classification.</summary>
public enum DialOutcome
{
    /// <summary>The agent's leg is ringing; its CallSid is stored on the entry.</summary>
    Dialed,

    /// <summary>Twilio refused or failed: nothing rings; the offer is given back and the agent gets a miss.</summary>
    Refused,

    /// <summary>Twilio was not asked (circuit open, rate limited): the offer is given back with no miss.</summary>
    NotAsked,

    /// <summary>The caller's room is over.</summary>
    RoomGone,

    /// <summary>The leg may be ringing: the offer stays until a callback (or the sweep) settles it.</summary>
    Unknown,
}

/// <summary>
/// Dials a claimed agent into the caller's room (label <c>agent</c>, EndConferenceOnExit, the queue's ring timeout). The
/// leg's call-status callback URL carries <c>offer=&lt;caller CallSid&gt;</c>, so its no-answer finds the offer even
/// before the leg's CallSid is stored.
/// </summary>
public sealed partial class AgentDialer(
    ControlSteps steps, DialPolicy policy, IOptions<TwilioOptions> twilio, ILogger<AgentDialer> logger)
{
    public const string OfferField = "offer";

    /// <summary>Only the request to Twilio: the caller stores a <see cref="DialOutcome.Dialed"/> leg (after giving up its dial slot).</summary>
    public async Task<(DialOutcome Outcome, string? CallSid)> DialAsync(QueueEntryRow entry, string agentId, QueueOptions settings, CancellationToken cancellationToken)
    {
        var target = policy.Agent(agentId);
        if (target.Error is not null)
        {
            return (DialOutcome.Refused, null);
        }

        var baseUrl = (twilio.Value.PublicBaseUrl ?? "").TrimEnd('/');
        var caller = new ControlCaller("routing", baseUrl);
        var callStatus = $"{baseUrl}/call-status?{OfferField}={Uri.EscapeDataString(entry.CallerCallSid)}";
        var dialed = await steps.DialAsync(entry.ConferenceSid, target.Value!, RoomLookup.AgentLabel, caller, r => r with
        {
            Beep = true,
            StartConferenceOnEnter = true,
            EndConferenceOnExit = true,
            Timeout = settings.RingTimeoutSeconds,
            StatusCallback = callStatus,
        }, cancellationToken);
        if (dialed.Error is { } failed)
        {
            LogDialFailed(logger, agentId, entry.CallerCallSid, failed.Kind.ToString(), failed.Detail);
            return (failed.Kind switch
            {
                ControlErrorKind.Conflict or ControlErrorKind.NotFound => DialOutcome.RoomGone,
                ControlErrorKind.TwilioUnavailable => DialOutcome.NotAsked,
                ControlErrorKind.OutcomeUnknown => DialOutcome.Unknown,
                _ => DialOutcome.Refused,
            }, null);
        }

        LogDialed(logger, agentId, entry.CallerCallSid, dialed.Value!);
        return (DialOutcome.Dialed, dialed.Value);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dialed agent {AgentId} for caller {CallSid}: leg {AgentCallSid}")]
    private static partial void LogDialed(ILogger logger, string agentId, string callSid, string agentCallSid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dialing agent {AgentId} for caller {CallSid} failed ({Kind}): {Detail}")]
    private static partial void LogDialFailed(ILogger logger, string agentId, string callSid, string kind, string detail);
}
