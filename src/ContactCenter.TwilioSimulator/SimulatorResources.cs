using System.Text.Json;

namespace ContactCenter.TwilioSimulator;

/// <summary>Twilio's JSON shapes (snake_case, RFC 2822 dates, nulls written) for the resources the simulator serves.</summary>
public static class SimulatorResources
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        // Twilio writes "+0000" and "+1415..." literally; the default encoder would escape '+'.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static string Base => $"/{SimulatedTwilio.ApiVersion}/Accounts/{SimulatedTwilio.AccountSid}";

    public static ConferenceResource From(ConferenceSnapshot c) => new(
        SimulatedTwilio.AccountSid, SimulatedTwilio.FormatDate(c.DateCreated), SimulatedTwilio.FormatDate(c.DateUpdated),
        SimulatedTwilio.ApiVersion, c.FriendlyName, "us1", c.Sid, c.Status, $"{Base}/Conferences/{c.Sid}.json",
        new Dictionary<string, string>
        {
            ["participants"] = $"{Base}/Conferences/{c.Sid}/Participants.json",
            ["recordings"] = $"{Base}/Conferences/{c.Sid}/Recordings.json",
        },
        c.ReasonConferenceEnded, c.CallSidEndingConference);

    public static ParticipantResource From(ParticipantSnapshot p) => new(
        SimulatedTwilio.AccountSid, p.CallSid, p.Label, p.CallSidToCoach, p.Coaching, p.ConferenceSid,
        SimulatedTwilio.FormatDate(p.DateCreated), SimulatedTwilio.FormatDate(p.DateUpdated), p.EndConferenceOnExit, p.Muted, p.Hold,
        p.StartConferenceOnEnter, p.Status, "0", $"{Base}/Conferences/{p.ConferenceSid}/Participants/{p.CallSid}.json");

    public static CallResource From(CallSnapshot c) => new(
        c.Sid, SimulatedTwilio.FormatDate(c.DateCreated), SimulatedTwilio.FormatDate(c.DateUpdated), null, SimulatedTwilio.AccountSid,
        c.To, c.To, c.From, c.From, null, c.Status,
        c.StartTime is { } start ? SimulatedTwilio.FormatDate(start) : null, c.EndTime is { } end ? SimulatedTwilio.FormatDate(end) : null,
        c.EndTime is null ? null : c.Duration.ToString(System.Globalization.CultureInfo.InvariantCulture),
        null, "USD", c.Direction, null, SimulatedTwilio.ApiVersion, null, null, null, "0", null, $"{Base}/Calls/{c.Sid}.json",
        new Dictionary<string, string> { ["recordings"] = $"{Base}/Calls/{c.Sid}/Recordings.json" });

    public static RecordingResource From(RecordingSnapshot r) => new(
        SimulatedTwilio.AccountSid, SimulatedTwilio.ApiVersion, r.CallSid, r.ConferenceSid, SimulatedTwilio.FormatDate(r.DateCreated),
        SimulatedTwilio.FormatDate(r.DateCreated), SimulatedTwilio.FormatDate(r.DateCreated), "-1", r.Sid, null, "USD", r.Status, 1,
        r.Source, 0, "both", $"{Base}/Calls/{r.CallSid}/Recordings/{r.Sid}.json");

    public static TwilioError Error(int status, int code, string message) =>
        new(code, message, $"https://www.twilio.com/docs/errors/{code}", status);
}

public sealed record TwilioError(int Code, string Message, string MoreInfo, int Status);

public sealed record ConferenceResource(
    string AccountSid, string DateCreated, string DateUpdated, string ApiVersion, string FriendlyName, string Region, string Sid,
    string Status, string Uri, IReadOnlyDictionary<string, string> SubresourceUris, string? ReasonConferenceEnded, string? CallSidEndingConference);

public sealed record ParticipantResource(
    string AccountSid, string CallSid, string? Label, string? CallSidToCoach, bool Coaching, string ConferenceSid, string DateCreated,
    string DateUpdated, bool EndConferenceOnExit, bool Muted, bool Hold, bool StartConferenceOnEnter, string Status, string QueueTime, string Uri);

public sealed record CallResource(
    string Sid, string DateCreated, string DateUpdated, string? ParentCallSid, string AccountSid, string To, string ToFormatted,
    string From, string FromFormatted, string? PhoneNumberSid, string Status, string? StartTime, string? EndTime, string? Duration,
    string? Price, string PriceUnit, string Direction, string? AnsweredBy, string ApiVersion, string? ForwardedFrom, string? GroupSid,
    string? CallerName, string QueueTime, string? TrunkSid, string Uri, IReadOnlyDictionary<string, string> SubresourceUris);

public sealed record RecordingResource(
    string AccountSid, string ApiVersion, string CallSid, string? ConferenceSid, string DateCreated, string DateUpdated, string StartTime,
    string Duration, string Sid, decimal? Price, string PriceUnit, string Status, int Channels, string Source, int ErrorCode, string Track, string Uri);

/// <summary>Twilio's page envelope; the simulator answers everything on page 0.</summary>
public sealed record ConferencePage(
    IReadOnlyList<ConferenceResource> Conferences, int Page, int PageSize, int Start, int End, string Uri, string FirstPageUri,
    string? NextPageUri, string? PreviousPageUri);

public sealed record ParticipantPage(
    IReadOnlyList<ParticipantResource> Participants, int Page, int PageSize, int Start, int End, string Uri, string FirstPageUri,
    string? NextPageUri, string? PreviousPageUri);
