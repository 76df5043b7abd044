using System.Xml;
using ContactCenter.Api.Conferences;
using ContactCenter.Api.Routing;
using ContactCenter.Api.Twiml;

namespace ContactCenter.Api.Voice;

/// <summary>The TwiML that greets a caller and places them in their own room.</summary>
public static class ConferenceTwiml
{
    public const string StatusCallbackEvents = "start end join leave mute hold modify";

    public const string CustomerLabel = "customer";

    public static string RoomName(string callSid) => $"room-{callSid}";

    /// <param name="route">The caller's queue (routing on): its id and priority ride on the statusCallback URL, and the caller leaving ends the room.</param>
    public static TwimlResult ForCaller(string callSid, string publicBaseUrl, ConferenceOptions conference, VoiceOptions voice, QueueRoute? route = null) =>
        TwimlResult.Create(writer =>
        {
            WriteGreeting(writer, voice.Greeting);
            writer.WriteStartElement("Dial");
            writer.WriteStartElement("Conference");
            writer.WriteAttributeString("startConferenceOnEnter", "true");
            writer.WriteAttributeString("endConferenceOnExit", route is null ? "false" : "true");
            writer.WriteAttributeString("waitUrl", route is null ? conference.WaitMusicUrl : QueueWaitTwiml.WaitUrl(publicBaseUrl, route.QueueId));
            writer.WriteAttributeString("waitMethod", "GET");
            writer.WriteAttributeString("statusCallback", publicBaseUrl + "/conference-events" + route?.Query);
            writer.WriteAttributeString("statusCallbackMethod", "POST");
            writer.WriteAttributeString("statusCallbackEvent", StatusCallbackEvents);
            writer.WriteAttributeString("record", conference.Record ? "record-from-start" : "do-not-record");
            if (conference.Record)
            {
                writer.WriteAttributeString("recordingStatusCallback", publicBaseUrl + "/recording-status");
                writer.WriteAttributeString("recordingStatusCallbackMethod", "POST");
                writer.WriteAttributeString("recordingStatusCallbackEvent", "in-progress completed absent");
            }

            writer.WriteAttributeString("participantLabel", CustomerLabel);
            writer.WriteString(RoomName(callSid));
            writer.WriteEndElement();
            writer.WriteEndElement();
        });

    /// <summary>The queue a call is routed to and the priority its number gives it.</summary>
    public sealed record QueueRoute(string QueueId, int Priority)
    {
        /// <summary>The caller's number sealed by <see cref="CallerNumbers"/>; never the number itself.</summary>
        public string? CallerToken { get; init; }

        public string Query => FormattableString.Invariant($"?queue={Uri.EscapeDataString(QueueId)}&priority={Priority}")
            + (CallerToken is null ? "" : $"&{CallerNumbers.Field}={Uri.EscapeDataString(CallerToken)}");
    }

    private static void WriteGreeting(XmlWriter writer, string? greeting)
    {
        if (string.IsNullOrWhiteSpace(greeting))
        {
            return;
        }

        // Trimmed: a configured URL with a stray space must be the URL itself, and Twilio says nothing for surrounding blanks.
        var text = greeting.Trim();
        var isAudio = Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http";
        writer.WriteElementString(isAudio ? "Play" : "Say", text);
    }
}
