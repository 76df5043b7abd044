using System.Globalization;
using ContactCenter.Api.Twiml;

namespace ContactCenter.Api.Routing;

/// <summary>The TwiML a queued caller hears, the voicemail TwiML, and the overflow dial.</summary>
public static class QueueWaitTwiml
{
    /// <summary>The conference's waitUrl for a caller queued in <paramref name="queueId"/>.</summary>
    public static string WaitUrl(string publicBaseUrl, string queueId) => $"{publicBaseUrl}/queue-wait?queue={Uri.EscapeDataString(queueId)}";

    public static string VoicemailUrl(string publicBaseUrl, string queueId) => $"{publicBaseUrl}/voicemail?queue={Uri.EscapeDataString(queueId)}";

    public static string RecordingCallbackUrl(string publicBaseUrl, string queueId) =>
        $"{publicBaseUrl}/recording-status?voicemail={Uri.EscapeDataString(queueId)}";

    /// <summary>"You are number 2 in line. The expected wait is about 3 minutes." (the second sentence only when known).</summary>
    public static string Announcement(QueuePosition position)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"You are number {position.Position} in line.");
        if (position.ExpectedWait is { } wait && wait >= TimeSpan.Zero)
        {
            var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
            text += string.Create(CultureInfo.InvariantCulture, $" The expected wait is about {minutes} minute{(minutes == 1 ? "" : "s")}.");
        }

        return text;
    }

    /// <summary>An optional announcement, then the music (Twilio fetches the waitUrl again when it ends).</summary>
    public static TwimlResult Wait(string? announcement, string musicUrl) =>
        TwimlResult.Create(writer =>
        {
            if (announcement is not null)
            {
                writer.WriteElementString("Say", announcement);
            }

            writer.WriteElementString("Play", musicUrl);
        });

    /// <summary>
    /// The prompt, the recording, then goodbye. Twilio requests &lt;Record&gt;'s action once a message was recorded (by
    /// default the current URL, which would record again): it is this route with <c>done</c>, answering <see cref="Goodbye"/>.
    /// </summary>
    public static TwimlResult Voicemail(string publicBaseUrl, string queueId, QueueWaitOptions options) =>
        TwimlResult.Create(writer =>
        {
            writer.WriteElementString("Say", options.VoicemailPrompt);
            writer.WriteStartElement("Record");
            writer.WriteAttributeString("action", VoicemailUrl(publicBaseUrl, queueId) + "&done=true");
            writer.WriteAttributeString("method", "POST");
            writer.WriteAttributeString("maxLength", options.VoicemailMaxLengthSeconds.ToString(CultureInfo.InvariantCulture));
            writer.WriteAttributeString("playBeep", "true");
            writer.WriteAttributeString("recordingStatusCallback", RecordingCallbackUrl(publicBaseUrl, queueId));
            writer.WriteAttributeString("recordingStatusCallbackMethod", "POST");
            writer.WriteAttributeString("recordingStatusCallbackEvent", "completed");
            writer.WriteEndElement();
            writer.WriteElementString("Say", options.VoicemailGoodbye);
            writer.WriteElementString("Hangup", null);
        });

    public static TwimlResult Goodbye(QueueWaitOptions options) =>
        TwimlResult.Create(writer =>
        {
            writer.WriteElementString("Say", options.VoicemailGoodbye);
            writer.WriteElementString("Hangup", null);
        });

    /// <summary>Dials the overflow number (already checked against the allow-list).</summary>
    public static TwimlResult Overflow(string number, string callerId) =>
        TwimlResult.Create(writer =>
        {
            writer.WriteStartElement("Dial");
            writer.WriteAttributeString("callerId", callerId);
            writer.WriteElementString("Number", number);
            writer.WriteEndElement();
        });
}
