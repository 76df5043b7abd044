using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using ContactCenter.Tests.Infrastructure;

namespace ContactCenter.Tests.Control;

/// <summary>Answers the service's REST requests on the factory's HTTP stub with bodies shaped like Twilio's.</summary>
public static partial class TwilioStub
{
    /// <summary>Queues <paramref name="count"/> Twilio-like answers; created participants get <paramref name="dialSids"/> in order.</summary>
    public static void AnswerLikeTwilio(this StubHttpHandler stub, int count, params string[] dialSids)
    {
        var sids = new Queue<string>(dialSids);
        for (var i = 0; i < count; i++)
        {
            stub.Respond((request, _) => Answer(request, sids));
        }
    }

    public static void AnswerError(this StubHttpHandler stub, HttpStatusCode status, int code, string message) =>
        stub.RespondJson(status, $$"""{"code":{{code}},"message":"{{message}}","more_info":"https://www.twilio.com/docs/errors/{{code}}","status":{{(int)status}}}""");

    /// <summary>"POST …/Participants/CA….json Hold=false": path after the account, and the form body.</summary>
    public static List<string> Sent(this StubHttpHandler stub) =>
        [.. stub.Requests.Select(r => $"{r.Method} {AccountPath().Replace(r.Uri.AbsolutePath, "")} {Uri.UnescapeDataString(r.Body.Replace('+', ' '))}".TrimEnd())];

    private static HttpResponseMessage Answer(HttpRequestMessage request, Queue<string> sids)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (request.Method == HttpMethod.Delete)
        {
            return new HttpResponseMessage(HttpStatusCode.NoContent);
        }

        var conference = Regex.Match(path, "CF[0-9a-f]{32}").Value;
        string json;
        if (path.EndsWith("/Participants.json", StringComparison.Ordinal))
        {
            json = Participant(sids.Dequeue(), conference);
        }
        else if (path.Contains("/Participants/", StringComparison.Ordinal))
        {
            json = Participant(Regex.Match(path, "CA[0-9a-f]{32}").Value, conference);
        }
        else if (path.Contains("/Calls/", StringComparison.Ordinal))
        {
            json = $$"""{"sid":"{{Regex.Match(path, "CA[0-9a-f]{32}").Value}}","parent_call_sid":null,"status":"canceled","direction":"outbound-api"}""";
        }
        else
        {
            json = $$"""{"sid":"{{conference}}","friendly_name":"room","status":"completed","reason_conference_ended":"conference-ended-via-api","call_sid_ending_conference":null}""";
        }

        return new HttpResponseMessage(path.EndsWith("/Participants.json", StringComparison.Ordinal) ? HttpStatusCode.Created : HttpStatusCode.OK)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
    }

    private static string Participant(string callSid, string conferenceSid) =>
        $$"""{"call_sid":"{{callSid}}","conference_sid":"{{conferenceSid}}","label":null,"status":"queued","muted":false,"hold":false,"coaching":false,"call_sid_to_coach":null,"start_conference_on_enter":true,"end_conference_on_exit":false}""";

    [GeneratedRegex("^/2010-04-01/Accounts/AC[0-9a-f]{32}")]
    private static partial Regex AccountPath();
}
