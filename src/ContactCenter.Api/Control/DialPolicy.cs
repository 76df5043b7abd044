using System.Text.RegularExpressions;
using ContactCenter.Api.Observability;
using ContactCenter.Api.Twilio;
using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Control;

/// <summary><c>{"agent":"bob"}</c>, <c>{"number":"+1…"}</c> or (transfers only) <c>{"queue":"sales"}</c>: exactly one.</summary>
public sealed record DialTargetRequest(string? Agent, string? Number, string? Queue = null);

/// <summary>Someone the service may dial: a configured agent or supervisor, or an allow-listed number.</summary>
public sealed record DialTarget(string Kind, string Id, string Endpoint)
{
    public const string AgentKind = "agent";
    public const string NumberKind = "number";
    public const string SupervisorKind = "supervisor";

    /// <summary>A transfer to a queue: resolved to one of its available agents, claimed, before anything is dialed.</summary>
    public const string QueueKind = "queue";

    /// <summary>How the target appears in output and audit: the agent's id, or the number masked.</summary>
    public string Display => Kind == NumberKind ? PhoneMask.Mask(Id) : Id;
}

/// <summary>
/// The only place that turns request data into a destination. Agents and supervisors by configured id; external
/// numbers only when an allow-list pattern matches the whole number. Anything else is refused before Twilio is asked.
/// </summary>
public sealed class DialPolicy(IOptions<DirectoryOptions> directory, IOptions<TransferOptions> transfers)
{
    private readonly IReadOnlyList<Regex> _allowed = transfers.Value.Compile();

    public string CallerId => directory.Value.CallerId is { Length: > 0 } callerId ? callerId : DevelopmentCallerId;

    /// <summary>
    /// Used only when no Twilio:CallerId is configured, which start-up validation allows only while nobody can be dialed
    /// at a phone number (sip:/client: endpoints, no transfer allow-list): Twilio refuses a client: caller ID toward one.
    /// </summary>
    public const string DevelopmentCallerId = "client:contactcenter";

    public ControlResult<DialTarget> Agent(string? id) =>
        id is { Length: > 0 } && directory.Value.FindAgent(id) is { Endpoint: { } endpoint }
            ? new DialTarget(DialTarget.AgentKind, id, endpoint)
            : ControlError.NotFound("Unknown agent", $"No agent '{Truncate(id)}' is configured.");

    public ControlResult<DialTarget> Supervisor(string? id) =>
        id is { Length: > 0 } && directory.Value.FindSupervisor(id) is { Endpoint: { } endpoint }
            ? new DialTarget(DialTarget.SupervisorKind, id, endpoint)
            : ControlError.NotFound("Unknown supervisor", $"No supervisor '{Truncate(id)}' is configured.");

    public ControlResult<DialTarget> TransferTarget(DialTargetRequest? target)
    {
        if (target is null || new[] { target.Agent, target.Number, target.Queue }.Count(t => t is not null) != 1)
        {
            return ControlError.Invalid("Invalid transfer target",
                "'to' must be exactly one of {\"agent\":\"<id>\"}, {\"number\":\"+E.164\"} or {\"queue\":\"<queue id>\"}.");
        }

        if (target.Queue is not null)
        {
            return target.Queue is { Length: > 0 and <= 64 } queue
                ? new DialTarget(DialTarget.QueueKind, queue, "")
                : ControlError.NotFound("Unknown queue", $"No queue '{Truncate(target.Queue)}' is configured.");
        }

        if (target.Agent is not null)
        {
            return Agent(target.Agent);
        }

        var number = target.Number!;
        if (!Addresses.IsE164(number) || !IsAllowed(number))
        {
            return ControlError.Forbidden("Transfer target refused", $"{PhoneMask.Mask(number)} is not an allowed transfer destination (Transfers:AllowedNumberPatterns).");
        }

        return new DialTarget(DialTarget.NumberKind, number, number);
    }

    /// <summary>A queue's overflow number: dialed only when it is E.164 and matches Transfers:AllowedNumberPatterns.</summary>
    public ControlResult<DialTarget> Overflow(string? number) =>
        Addresses.IsE164(number) && IsAllowed(number!)
            ? new DialTarget(DialTarget.NumberKind, number!, number!)
            : ControlError.Forbidden("Overflow number refused", $"{PhoneMask.Mask(number)} is not an allowed destination (Transfers:AllowedNumberPatterns).");

    private bool IsAllowed(string number)
    {
        foreach (var pattern in _allowed)
        {
            try
            {
                if (pattern.IsMatch(number))
                {
                    return true;
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // A pattern too slow to decide refuses rather than allows.
            }
        }

        return false;
    }

    private static string Truncate(string? id) => id is null ? "" : id.Length > 40 ? id[..40] : id;
}
