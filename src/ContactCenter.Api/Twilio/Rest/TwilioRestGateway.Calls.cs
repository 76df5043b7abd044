using Twilio.Rest.Api.V2010.Account;
using CallRecordingResource = Twilio.Rest.Api.V2010.Account.Call.RecordingResource;
using CreateCallRecordingOptions = Twilio.Rest.Api.V2010.Account.Call.CreateRecordingOptions;
using TwimlDocument = Twilio.Types.Twiml;

namespace ContactCenter.Api.Twilio.Rest;

public sealed partial class TwilioRestGateway
{
    private static readonly string[] RecordingEvents = ["in-progress", "completed", "absent"];

    public async Task<TwilioCall> CreateCallAsync(CreateCallRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if ((request.Url is null) == (request.Twiml is null))
        {
            throw new ArgumentException("A call needs exactly one of Url and Twiml.", nameof(request));
        }

        var create = new CreateCallOptions(
            Guard.Endpoint(Guard.Dialable(request.To, nameof(request.To))),
            Guard.Endpoint(Guard.CallerId(request.From, nameof(request.From))))
        {
            Url = Guard.OptionalUri(request.Url, nameof(request.Url)),
            Twiml = request.Twiml is null ? null : new TwimlDocument(request.Twiml),
            StatusCallback = Guard.OptionalUri(request.StatusCallback, nameof(request.StatusCallback)),
            StatusCallbackEvent = Guard.Events(request.StatusCallbackEvent, nameof(request.StatusCallbackEvent), CallEvents),
            Timeout = Guard.Range(request.Timeout, 5, 600, nameof(request.Timeout)),
        };
        LogPlacingCall(logger, Masked(request.To));
        return ToCall(await CallAsync(client => CallResource.CreateAsync(create, client), cancellationToken));
    }

    public async Task<TwilioCall> FetchCallAsync(string callSid, CancellationToken cancellationToken)
    {
        var fetch = new FetchCallOptions(Guard.CallSid(callSid, nameof(callSid)));
        return ToCall(await CallAsync(client => CallResource.FetchAsync(fetch, client), cancellationToken));
    }

    public async Task<TwilioCall> UpdateCallAsync(string callSid, UpdateCallRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var update = new UpdateCallOptions(Guard.CallSid(callSid, nameof(callSid)));
        if (request.Url is not null && request.Twiml is not null)
        {
            throw new ArgumentException("Redirect a call with Url or Twiml, not both.", nameof(request));
        }

        update.Status = request.Complete ? CallResource.UpdateStatusEnum.Completed : null;
        update.Url = Guard.OptionalUri(request.Url, nameof(request.Url));
        update.Twiml = request.Twiml is null ? null : new TwimlDocument(request.Twiml);
        Guard.NotEmpty(update.GetParams(), nameof(request));
        return ToCall(await CallAsync(client => CallResource.UpdateAsync(update, client), cancellationToken));
    }

    public async Task<TwilioRecording> StartCallRecordingAsync(string callSid, StartCallRecordingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var create = new CreateCallRecordingOptions(Guard.CallSid(callSid, nameof(callSid)));
        if (request.RecordingTrack is not (null or "inbound" or "outbound" or "both"))
        {
            throw new ArgumentException($"'{request.RecordingTrack}' is not inbound, outbound or both.", nameof(request));
        }

        create.RecordingStatusCallback = Guard.OptionalUri(request.RecordingStatusCallback, nameof(request.RecordingStatusCallback));
        create.RecordingStatusCallbackEvent = Guard.Events(request.RecordingStatusCallbackEvent, nameof(request.RecordingStatusCallbackEvent), RecordingEvents);
        create.RecordingTrack = request.RecordingTrack;
        var recording = await CallAsync(client => CallRecordingResource.CreateAsync(create, client), cancellationToken);
        return new TwilioRecording(
            Guard.Present(recording.Sid, "sid"), Guard.Present(recording.CallSid, "call_sid"), recording.ConferenceSid, recording.Status?.ToString(), recording.Track);
    }

    /// <summary>The call's phone numbers are deliberately not copied, so the record can be logged.</summary>
    private static TwilioCall ToCall(CallResource call) =>
        new(Guard.Present(call.Sid, "sid"), call.ParentCallSid, call.Status?.ToString(), call.Direction);
}
