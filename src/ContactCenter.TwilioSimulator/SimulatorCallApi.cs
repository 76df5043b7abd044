using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ContactCenter.TwilioSimulator;

/// <summary>Calls and call Recordings handlers.</summary>
public static class SimulatorCallApi
{
    public static Results<JsonHttpResult<CallResource>, JsonHttpResult<TwilioError>> CreateCall(
        [FromForm] CallCreateForm form, HttpRequest request, SimulatedTwilio twilio) =>
        TwilioReply.Run(
            () => SimulatorResources.From(twilio.CreateCall(new OutboundCallRequest
            {
                To = form.To,
                From = form.From,
                Url = form.Url,
                Twiml = form.Twiml,
                StatusCallback = form.StatusCallback,
                StatusCallbackEvents = TwilioReply.Events(request, "StatusCallbackEvent"),
                Timeout = TwilioReply.Int(form.Timeout, "Timeout") ?? SimulatedTwilio.DefaultTimeoutSeconds,
            })),
            StatusCodes.Status201Created);

    public static Results<JsonHttpResult<CallResource>, JsonHttpResult<TwilioError>> GetCall(string callSid, SimulatedTwilio twilio) =>
        TwilioReply.Run(() => SimulatorResources.From(twilio.GetCall(callSid)));

    public static Results<JsonHttpResult<CallResource>, JsonHttpResult<TwilioError>> UpdateCall(
        string callSid, [FromForm] CallUpdateForm form, SimulatedTwilio twilio, SimulatorTwimlFetcher fetcher) =>
        TwilioReply.Run(() =>
        {
            var updated = twilio.UpdateCall(callSid, new CallUpdate
            {
                Status = string.IsNullOrEmpty(form.Status) ? null : form.Status,
                Twiml = form.Twiml,
                Url = form.Url,
            });
            if (string.IsNullOrEmpty(form.Status) && string.IsNullOrEmpty(form.Twiml) && form.Url is { Length: > 0 } url && !updated.Status.Equals(CallStatus.Completed, StringComparison.Ordinal))
            {
                fetcher.Redirect(callSid, url);
            }

            return SimulatorResources.From(updated);
        });

    /// <summary>Twilio's SDKs post this one with an empty body, which [FromForm] binding refuses, so the form is read here.</summary>
    public static async Task<Results<JsonHttpResult<RecordingResource>, JsonHttpResult<TwilioError>>> StartRecording(
        string callSid, HttpRequest request, SimulatedTwilio twilio, CancellationToken cancellationToken)
    {
        var form = request.HasFormContentType ? await request.ReadFormAsync(cancellationToken) : FormCollection.Empty;
        return TwilioReply.Run(
            () => SimulatorResources.From(twilio.StartRecording(callSid, new RecordingRequest
            {
                RecordingStatusCallback = form["RecordingStatusCallback"].FirstOrDefault(),
                RecordingStatusCallbackEvents = TwimlInstructions.Events(form["RecordingStatusCallbackEvent"].ToArray()),
            })),
            StatusCodes.Status201Created);
    }
}
