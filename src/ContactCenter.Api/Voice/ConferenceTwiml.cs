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

    /// <param name="queueId">The queue the caller waits in (routing on): the waitUrl is then /queue-wait; null keeps the music.</param>
    public static TwimlResult ForCaller(string callSid, string publicBaseUrl, ConferenceOptions conference, VoiceOptions voice, string? queueId = null) =>
        TwimlResult.Create(writer =>
        {
            WriteGreeting(writer, voice.Greeting);
            writer.WriteStartElement("Dial");
            writer.WriteStartElement("Conference");
            writer.WriteAttributeString("startConferenceOnEnter", "true");
            writer.WriteAttributeString("endConferenceOnExit", "false");
            writer.WriteAttributeString("waitUrl", queueId is null ? conference.WaitMusicUrl : QueueWaitTwiml.WaitUrl(publicBaseUrl, queueId));
            writer.WriteAttributeString("waitMethod", "GET");
            writer.WriteAttributeString("statusCallback", publicBaseUrl + "/conference-events");
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
