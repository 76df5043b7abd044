using System.Security.Cryptography;

namespace ContactCenter.TwilioSimulator;

/// <summary>
/// The simulated part of Twilio: calls, phones, conferences, participants, recordings. Plain and synchronous,
/// one lock around everything; time comes from the injected <see cref="TimeProvider"/> and every webhook it
/// owes is handed, in order, to the <see cref="ISimulatorCallbackSink"/>.
/// </summary>
public sealed partial class SimulatedTwilio(TimeProvider time, ISimulatorCallbackSink callbacks, SimulatorOptions options)
{
    public const int MaxParticipants = 250;
    public const int DefaultTimeoutSeconds = 60;
    public const string AccountSid = SimulatorActivation.AccountSid;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, SimulatedCall> _calls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimulatedConference> _conferences = new(StringComparer.Ordinal);

    private DateTimeOffset Now => time.GetUtcNow();

    public static string NewSid(string prefix) => prefix + RandomNumberGenerator.GetHexString(32, lowercase: true);

    /// <summary>A caller dials in: the call rings at Twilio until the /voice TwiML is applied.</summary>
    public CallSnapshot CreateInboundCall(string from, string to)
    {
        lock (_gate)
        {
            var call = NewCall(from, to, "inbound", null, new HashSet<string>());
            call.Status = CallStatus.Ringing;
            return Snapshot(call);
        }
    }

    /// <summary>The TwiML answer to the call's webhook: the call is answered and executes it.</summary>
    public CallSnapshot ApplyTwiml(string callSid, TwimlInstructions twiml)
    {
        lock (_gate)
        {
            var call = FindCall(callSid);
            if (call.IsEnded)
            {
                return Snapshot(call);
            }

            if (call.Status != CallStatus.InProgress)
            {
                MarkAnswered(call);
            }

            Execute(call, twiml);
            return Snapshot(call);
        }
    }

    /// <summary>The call's webhook failed: Twilio plays an application error and hangs up.</summary>
    public CallSnapshot FailCall(string callSid)
    {
        lock (_gate)
        {
            var call = FindCall(callSid);
            EndCall(call, call.Status == CallStatus.InProgress ? CallStatus.Completed : CallStatus.Failed);
            return Snapshot(call);
        }
    }

    /// <summary>The dialed phone picks up (a ringing leg only).</summary>
    public CallSnapshot Answer(string callSid)
    {
        lock (_gate)
        {
            var call = FindCall(callSid);
            if (!call.IsRinging)
            {
                throw new SimulatorApiException(409, TwilioErrorCodes.NotInProgress, $"Call {callSid} is {call.Status}, not ringing");
            }

            AnswerCall(call);
            return Snapshot(call);
        }
    }

    /// <summary>The phone hangs up: a ringing outbound leg is declined (busy), a caller abandons (canceled), a live call completes.</summary>
    public CallSnapshot HangUp(string callSid)
    {
        lock (_gate)
        {
            var call = FindCall(callSid);
            if (!call.IsEnded)
            {
                var status = !call.IsRinging ? CallStatus.Completed : call.Direction == "inbound" ? CallStatus.Canceled : CallStatus.Busy;
                EndCall(call, status);
            }

            return Snapshot(call);
        }
    }

    public CallSnapshot GetCall(string callSid)
    {
        lock (_gate)
        {
            return Snapshot(FindCall(callSid));
        }
    }

    private SimulatedCall NewCall(string from, string to, string direction, string? statusCallback, IReadOnlySet<string> events)
    {
        var call = new SimulatedCall
        {
            Sid = NewSid("CA"),
            From = from,
            To = to,
            Direction = direction,
            DateCreated = Now,
            DateUpdated = Now,
            StatusCallback = statusCallback,
            StatusCallbackEvents = events,
        };
        _calls.Add(call.Sid, call);
        return call;
    }

    private SimulatedCall FindCall(string callSid) =>
        _calls.TryGetValue(callSid, out var call) ? call : throw SimulatorApiException.NotFound($"/Calls/{callSid}");

    /// <summary>An outbound leg starts dialing; its phone's configured behaviour decides how it ends ringing.</summary>
    private void StartRinging(SimulatedCall call, int timeoutSeconds)
    {
        SetStatus(call, CallStatus.Initiated);
        SetStatus(call, CallStatus.Ringing);

        var phone = options.Phones.FirstOrDefault(p => string.Equals(p.Endpoint, call.To, StringComparison.OrdinalIgnoreCase));
        var behavior = phone is not null && phone.TryGetBehavior(out var configured) ? configured : PhoneBehavior.Answer;
        var delay = TimeSpan.FromMilliseconds(Math.Max(1, phone?.AnswerAfterMs ?? options.AnswerDelayMs));
        var timeout = TimeSpan.FromSeconds(timeoutSeconds > 0 ? timeoutSeconds : DefaultTimeoutSeconds);
        var (outcome, due) = behavior switch
        {
            PhoneBehavior.Answer when delay < timeout => (CallStatus.InProgress, delay),
            PhoneBehavior.Busy => (CallStatus.Busy, delay),
            PhoneBehavior.Fail => (CallStatus.Failed, delay),
            _ => (CallStatus.NoAnswer, timeout),
        };

        var sid = call.Sid;
        call.Timer = time.CreateTimer(_ => OnRingTimer(sid, outcome), null, due, Timeout.InfiniteTimeSpan);
    }

    private void OnRingTimer(string callSid, string outcome)
    {
        lock (_gate)
        {
            if (_calls.TryGetValue(callSid, out var call) && call.IsRinging)
            {
                if (outcome == CallStatus.InProgress)
                {
                    AnswerCall(call);
                }
                else
                {
                    EndCall(call, outcome);
                }
            }
        }
    }

    private void AnswerCall(SimulatedCall call)
    {
        MarkAnswered(call);
        if (call.Conference is { } conference && ParticipantOf(call) is { } participant)
        {
            if (conference.Status == ConferenceStatus.Completed)
            {
                EndCall(call, CallStatus.Completed);
                return;
            }

            Connect(conference, participant);
        }
        else if (call.PendingTwiml is { } twiml)
        {
            call.PendingTwiml = null;
            Execute(call, twiml);
        }
    }

    private void MarkAnswered(SimulatedCall call)
    {
        call.Timer?.Dispose();
        call.Timer = null;
        call.StartTime = Now;
        SetStatus(call, CallStatus.InProgress);
    }

    private void Execute(SimulatedCall call, TwimlInstructions twiml)
    {
        call.Prompts.AddRange(twiml.Prompts);
        if (twiml.Record is { } record)
        {
            RecordMessage(call, record);
        }
        else if (twiml.Conference is { } join)
        {
            JoinFromTwiml(call, join);
        }
        else
        {
            // Out of verbs (or <Hangup/>): Twilio ends the call.
            EndCall(call, CallStatus.Completed);
        }
    }

    private void SetStatus(SimulatedCall call, string status)
    {
        call.Status = status;
        call.DateUpdated = Now;
        SendCallStatus(call);
    }
}
