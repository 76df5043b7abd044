using System.Collections.Concurrent;
using System.Net;
using ContactCenter.Api.Twilio.Rest;

namespace ContactCenter.Tests.Control;

/// <summary>
/// An <see cref="ITwilioRestClient"/> that records every request in order as a short line ("update customer Hold=True …")
/// with CallSids replaced by the names the test gave them, answers like Twilio, and fails on demand.
/// </summary>
public sealed class RecordingTwilio : ITwilioRestClient
{
    private readonly ConcurrentQueue<string> _dialSids = new();

    public ConcurrentQueue<string> Calls { get; } = new();

    public Dictionary<string, string> Names { get; } = new(StringComparer.Ordinal);

    /// <summary>A recorded line starting with this text fails with Twilio's 400 (code 21220 for hang-ups, else 21212).</summary>
    public string? FailOn { get; set; }

    /// <summary>Every leg dialed into a conference, with the CallSid it got and when.</summary>
    public ConcurrentQueue<(string CallSid, string ConferenceSid, CreateParticipantRequest Request, DateTime At)> Dials { get; } = new();

    public List<string> Taken() { var list = Calls.ToList(); Calls.Clear(); return list; }

    /// <summary>The CallSid the next dialed leg gets.</summary>
    public void NextDial(string callSid, string name)
    {
        _dialSids.Enqueue(callSid);
        Names[callSid] = name;
    }

    public Task<IReadOnlyList<TwilioConference>> ListConferencesAsync(string? friendlyName, TwilioConferenceStatus? status, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<TwilioConference> FetchConferenceAsync(string conferenceSid, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<TwilioConference> UpdateConferenceAsync(string conferenceSid, UpdateConferenceRequest request, CancellationToken cancellationToken)
    {
        Record($"end{(request.Complete ? "" : " ?")}");
        return Task.FromResult(new TwilioConference(conferenceSid, null, "completed", null, null));
    }

    /// <summary>Runs after Twilio "accepted" a dial and before the answer reaches the service: callbacks that win the race.</summary>
    public Func<string, Task>? BeforeDialAnswer { get; set; }

    public async Task<TwilioParticipant> CreateParticipantAsync(string conferenceSid, CreateParticipantRequest r, CancellationToken cancellationToken)
    {
        Record($"dial {r.To} label={r.Label} from={r.From} eoe={r.EndConferenceOnExit} start={r.StartConferenceOnEnter} beep={r.Beep} muted={r.Muted} " +
            $"coaching={r.Coaching} coach={Name(r.CallSidToCoach)} record={r.Record} timeout={r.Timeout} callback={r.StatusCallback} events={string.Join(',', r.StatusCallbackEvent ?? [])}");
        var sid = _dialSids.TryDequeue(out var next) ? next : "CA" + Guid.NewGuid().ToString("N");
        Dials.Enqueue((sid, conferenceSid, r, DateTime.UtcNow));
        if (BeforeDialAnswer is { } callbacks)
        {
            await callbacks(sid);
        }

        return new TwilioParticipant(sid, conferenceSid, r.Label, "queued", r.Muted ?? false, false, r.Coaching ?? false, r.CallSidToCoach, true, r.EndConferenceOnExit ?? false);
    }

    public Task<TwilioParticipant> FetchParticipantAsync(string conferenceSid, string callSidOrLabel, CancellationToken cancellationToken) => throw new NotSupportedException();

    /// <summary>Who is in a conference, when the test says; otherwise listing participants is not supported.</summary>
    public Func<string, IReadOnlyList<TwilioParticipant>>? ParticipantsOf { get; set; }

    public Task<IReadOnlyList<TwilioParticipant>> ListParticipantsAsync(string conferenceSid, CancellationToken cancellationToken) =>
        ParticipantsOf is { } list ? Task.FromResult(list(conferenceSid)) : throw new NotSupportedException();

    public Task<TwilioParticipant> UpdateParticipantAsync(string conferenceSid, string callSidOrLabel, UpdateParticipantRequest r, CancellationToken cancellationToken)
    {
        var fields = new List<string>();
        Add(fields, "Hold", r.Hold);
        Add(fields, "HoldUrl", r.HoldUrl);
        Add(fields, "HoldMethod", r.HoldMethod);
        Add(fields, "Muted", r.Muted);
        Add(fields, "Coaching", r.Coaching);
        Add(fields, "CallSidToCoach", Name(r.CallSidToCoach));
        Add(fields, "EndConferenceOnExit", r.EndConferenceOnExit);
        Record($"update {Name(callSidOrLabel)} {string.Join(' ', fields)}");
        return Task.FromResult(new TwilioParticipant(callSidOrLabel, conferenceSid, null, "connected", false, r.Hold ?? false, false, null, true, false));
    }

    public Task DeleteParticipantAsync(string conferenceSid, string callSidOrLabel, CancellationToken cancellationToken)
    {
        Record($"remove {Name(callSidOrLabel)}");
        return Task.CompletedTask;
    }

    public Task<TwilioCall> CreateCallAsync(CreateCallRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<TwilioCall> FetchCallAsync(string callSid, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<TwilioCall> UpdateCallAsync(string callSid, UpdateCallRequest request, CancellationToken cancellationToken)
    {
        Record($"hangup {Name(callSid)}");
        return Task.FromResult(new TwilioCall(callSid, null, "canceled", "outbound-api"));
    }

    public Task<TwilioRecording> StartCallRecordingAsync(string callSid, StartCallRecordingRequest request, CancellationToken cancellationToken)
    {
        Record($"record {Name(callSid)} callback={request.RecordingStatusCallback}");
        return Task.FromResult(new TwilioRecording("RE" + Guid.NewGuid().ToString("N"), callSid, null, "in-progress", "both"));
    }

    private void Record(string line)
    {
        line = line.TrimEnd();
        Calls.Enqueue(line);
        if (FailOn is { } prefix && line.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw new TwilioApiException(HttpStatusCode.BadRequest, prefix.StartsWith("hangup", StringComparison.Ordinal) ? 21220 : 21212, "Invalid request", null);
        }
    }

    private string? Name(string? callSid) => callSid is null ? null : Names.TryGetValue(callSid, out var name) ? name : callSid;

    private static void Add(List<string> fields, string name, object? value)
    {
        if (value is not null)
        {
            fields.Add($"{name}={value}");
        }
    }
}
