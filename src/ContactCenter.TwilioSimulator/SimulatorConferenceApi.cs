using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ContactCenter.TwilioSimulator;

/// <summary>Conferences and Participants handlers: parse Twilio's form, ask the simulator, answer Twilio's JSON.</summary>
public static class SimulatorConferenceApi
{
    private const int PageSize = 50;

    public static Results<JsonHttpResult<ConferencePage>, JsonHttpResult<TwilioError>> ListConferences(
        [FromQuery(Name = "FriendlyName")] string? friendlyName, [FromQuery(Name = "Status")] string? status, HttpRequest request, SimulatedTwilio twilio) =>
        TwilioReply.Run(() =>
        {
            var items = twilio.ListConferences(friendlyName, status).Select(SimulatorResources.From).ToList();
            var uri = request.Path + request.QueryString;
            return new ConferencePage(items, 0, Math.Max(PageSize, items.Count), 0, Math.Max(0, items.Count - 1), uri, uri, null, null);
        });

    public static Results<JsonHttpResult<ConferenceResource>, JsonHttpResult<TwilioError>> GetConference(
        string conferenceSid, SimulatedTwilio twilio) =>
        TwilioReply.Run(() => SimulatorResources.From(twilio.GetConference(conferenceSid)));

    public static Results<JsonHttpResult<ConferenceResource>, JsonHttpResult<TwilioError>> UpdateConference(
        string conferenceSid, [FromForm] ConferenceUpdateForm form, SimulatedTwilio twilio) =>
        TwilioReply.Run(() =>
        {
            if (form.Status is { Length: > 0 } status && status != ConferenceStatus.Completed)
            {
                throw new SimulatorApiException(400, TwilioErrorCodes.InvalidParameter, $"Status can only be 'completed', not '{status}'.");
            }

            return SimulatorResources.From(twilio.UpdateConference(conferenceSid, form.Status, form.AnnounceUrl));
        });

    public static Results<JsonHttpResult<ParticipantPage>, JsonHttpResult<TwilioError>> ListParticipants(
        string conferenceSid, HttpRequest request, SimulatedTwilio twilio) =>
        TwilioReply.Run(() =>
        {
            var filters = new[] { "Muted", "Hold", "Coaching" }.ToDictionary(name => name, name => TwilioReply.Bool(request.Query[name], name));
            var items = twilio.ListParticipants(conferenceSid)
                .Where(p => Matches(filters["Muted"], p.Muted) && Matches(filters["Hold"], p.Hold) && Matches(filters["Coaching"], p.Coaching))
                .Select(SimulatorResources.From)
                .ToList();
            var uri = request.Path + request.QueryString;
            return new ParticipantPage(items, 0, Math.Max(PageSize, items.Count), 0, Math.Max(0, items.Count - 1), uri, uri, null, null);
        });

    public static Results<JsonHttpResult<ParticipantResource>, JsonHttpResult<TwilioError>> CreateParticipant(
        string conferenceSid, [FromForm] ParticipantCreateForm form, HttpRequest request, SimulatedTwilio twilio) =>
        TwilioReply.Run(
            () => SimulatorResources.From(twilio.CreateParticipant(conferenceSid, new ParticipantRequest
            {
                From = form.From,
                To = form.To,
                Label = form.Label,
                Coaching = TwilioReply.Bool(form.Coaching, "Coaching") ?? false,
                CallSidToCoach = form.CallSidToCoach,
                Muted = TwilioReply.Bool(form.Muted, "Muted") ?? false,
                Hold = TwilioReply.Bool(form.Hold, "Hold") ?? false,
                StartConferenceOnEnter = TwilioReply.Bool(form.StartConferenceOnEnter, "StartConferenceOnEnter") ?? true,
                EndConferenceOnExit = TwilioReply.Bool(form.EndConferenceOnExit, "EndConferenceOnExit") ?? false,
                Timeout = TwilioReply.Int(form.Timeout, "Timeout") ?? SimulatedTwilio.DefaultTimeoutSeconds,
                StatusCallback = form.StatusCallback,
                StatusCallbackEvents = TwilioReply.Events(request, "StatusCallbackEvent"),
                ConferenceStatusCallback = form.ConferenceStatusCallback,
                ConferenceStatusCallbackEvents = TwilioReply.Events(request, "ConferenceStatusCallbackEvent"),
                WaitUrl = form.WaitUrl,
            })),
            StatusCodes.Status201Created);

    public static Results<JsonHttpResult<ParticipantResource>, JsonHttpResult<TwilioError>> GetParticipant(
        string conferenceSid, string callSid, SimulatedTwilio twilio) =>
        TwilioReply.Run(() => SimulatorResources.From(twilio.GetParticipant(conferenceSid, callSid)));

    public static Results<JsonHttpResult<ParticipantResource>, JsonHttpResult<TwilioError>> UpdateParticipant(
        string conferenceSid, string callSid, [FromForm] ParticipantUpdateForm form, SimulatedTwilio twilio) =>
        TwilioReply.Run(() => SimulatorResources.From(twilio.UpdateParticipant(conferenceSid, callSid, new ParticipantUpdate
        {
            Hold = TwilioReply.Bool(form.Hold, "Hold"),
            HoldUrl = form.HoldUrl,
            Muted = TwilioReply.Bool(form.Muted, "Muted"),
            Coaching = TwilioReply.Bool(form.Coaching, "Coaching"),
            CallSidToCoach = form.CallSidToCoach,
            EndConferenceOnExit = TwilioReply.Bool(form.EndConferenceOnExit, "EndConferenceOnExit"),
            AnnounceUrl = form.AnnounceUrl,
        })));

    public static Results<NoContent, JsonHttpResult<TwilioError>> RemoveParticipant(string conferenceSid, string callSid, SimulatedTwilio twilio)
    {
        try
        {
            twilio.RemoveParticipant(conferenceSid, callSid);
            return TypedResults.NoContent();
        }
        catch (SimulatorApiException error)
        {
            return TwilioReply.Error(error);
        }
    }

    private static bool Matches(bool? filter, bool value) => filter is null || filter == value;
}
