using ContactCenter.Api.Conferences;
using ContactCenter.Api.Twilio.Rest;

namespace ContactCenter.Api.Control;

/// <summary>How a supervisor takes part: listening, whispering to the agent only, or speaking to everyone.</summary>
public enum SupervisorMode
{
    Monitor,
    Coach,
    Barge,
}

public sealed partial class ConferenceService
{
    public static bool TryParseMode(string? value, out SupervisorMode mode)
    {
        (var ok, mode) = value switch
        {
            "monitor" => (true, SupervisorMode.Monitor),
            "coach" => (true, SupervisorMode.Coach),
            "barge" => (true, SupervisorMode.Barge),
            _ => (false, SupervisorMode.Monitor),
        };
        return ok;
    }

    /// <summary>
    /// Dials the supervisor in as <c>supervisor-{id}</c>: no beep, never starts or ends the conference; monitor muted,
    /// coach heard by the room's agent only (recorded when Conference:RecordCoachLeg), barge heard by everyone.
    /// </summary>
    public async Task<ControlResult<ControlOutcome>> AddSupervisorAsync(
        string room, string? supervisorId, SupervisorMode mode, ControlCaller caller, CancellationToken cancellationToken)
    {
        var supervisor = policy.Supervisor(supervisorId);
        if (supervisor.Error is { } unknown)
        {
            return unknown;
        }

        var live = await rooms.LiveAsync(room, cancellationToken);
        if (live.Error is { } roomError)
        {
            return roomError;
        }

        var found = live.Value!;
        var label = "supervisor-" + supervisor.Value!.Id;
        if (found.HasLabel(label))
        {
            return ControlError.Conflict("Supervisor already in the room", $"Supervisor '{supervisor.Value.Id}' is already in the room; change the mode instead.");
        }

        var agent = mode == SupervisorMode.Coach ? await rooms.AgentAsync(found, cancellationToken) : null;
        if (mode == SupervisorMode.Coach && agent is null)
        {
            return NoAgentToCoach();
        }

        if (found.IsFull)
        {
            return Full();
        }

        if (await pending.ReconcileAsync(found.ConferenceSid, label, cancellationToken) is { } unreconciled)
        {
            return unreconciled;
        }

        var record = mode == SupervisorMode.Coach && conference.Value.RecordCoachLeg;
        var dialed = await steps.DialAsync(found.ConferenceSid, supervisor.Value, label, caller, r => r with
        {
            Beep = false,
            StartConferenceOnEnter = false,
            EndConferenceOnExit = false,
            Muted = mode == SupervisorMode.Monitor,
            Coaching = mode == SupervisorMode.Coach ? true : null,
            CallSidToCoach = agent?.CallSid,
            Record = record ? true : null,
        }, cancellationToken);
        if (dialed.Error is { } failed)
        {
            return await RecordIfUnknownAsync(found.ConferenceSid, label, supervisor.Value.Id, caller, failed);
        }

        LogDialed(logger, "supervisor", supervisor.Value.Id, found.ConferenceSid, dialed.Value!);
        return new ControlOutcome(room, dialed.Value, $"dialing supervisor {supervisor.Value.Id} ({Name(mode)})");
    }

    /// <summary>Switches a supervisor's live leg between monitor, coach and barge.</summary>
    public async Task<ControlResult<ControlOutcome>> SetSupervisorModeAsync(
        string room, string callSid, SupervisorMode mode, ControlCaller caller, CancellationToken cancellationToken)
    {
        var live = await rooms.LiveAsync(room, cancellationToken);
        if (live.Error is { } roomError)
        {
            return roomError;
        }

        var found = live.Value!;
        if (found.Find(callSid) is not { } participant)
        {
            return UnknownParticipant(callSid);
        }

        if (participant.Role != ParticipantRole.Supervisor)
        {
            return ControlError.Conflict("Not a supervisor", "Only a supervisor's leg can switch between monitor, coach and barge.");
        }

        var agent = mode == SupervisorMode.Coach ? await rooms.AgentAsync(found, cancellationToken) : null;
        if (mode == SupervisorMode.Coach && agent is null)
        {
            return NoAgentToCoach();
        }

        var update = mode switch
        {
            SupervisorMode.Monitor => new UpdateParticipantRequest { Muted = true, Coaching = false },
            SupervisorMode.Coach => new UpdateParticipantRequest { Muted = false, Coaching = true, CallSidToCoach = agent!.CallSid },
            _ => new UpdateParticipantRequest { Muted = false, Coaching = false },
        };
        if (await steps.UpdateAsync(found.ConferenceSid, callSid, update, cancellationToken) is { } failed)
        {
            return failed;
        }

        if (mode == SupervisorMode.Coach && conference.Value.RecordCoachLeg && !participant.Coaching
            && await steps.RecordLegAsync(callSid, caller.PublicBaseUrl, cancellationToken) is { } notRecorded)
        {
            return notRecorded;
        }

        return new ControlOutcome(room, callSid, Name(mode));
    }

    public static string Name(SupervisorMode mode) => mode.ToString().ToLowerInvariant();

    private static ControlError NoAgentToCoach() =>
        ControlError.Conflict("No agent to coach", "Coaching needs an agent in the room.");
}
