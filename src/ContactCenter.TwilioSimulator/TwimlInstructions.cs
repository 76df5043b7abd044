using System.Xml;
using System.Xml.Linq;

namespace ContactCenter.TwilioSimulator;

/// <summary>What a TwiML document tells a call to do, as far as the simulator models it.</summary>
public sealed record TwimlInstructions(IReadOnlyList<string> Prompts, ConferenceJoin? Conference)
{
    /// <summary>A &lt;Record&gt; the call stopped at: the caller leaves a message, then Twilio requests the action.</summary>
    public RecordVerb? Record { get; init; }

    public static TwimlInstructions Empty { get; } = new([], null);

    /// <summary>Reads &lt;Say&gt;, &lt;Play&gt;, &lt;Pause&gt;, &lt;Hangup&gt;, &lt;Record&gt; and &lt;Dial&gt;&lt;Conference&gt;; execution stops at the first Dial, Record or Hangup.</summary>
    public static TwimlInstructions Parse(string twiml)
    {
        XDocument document;
        try
        {
            document = XDocument.Parse(twiml, LoadOptions.None);
        }
        catch (XmlException error)
        {
            throw new SimulatorApiException(400, TwilioErrorCodes.DocumentParseFailure, "Document parse failure: " + error.Message);
        }

        if (document.Root is not { Name.LocalName: "Response" } root)
        {
            throw new SimulatorApiException(400, TwilioErrorCodes.DocumentParseFailure, "Document parse failure: the root element must be <Response>");
        }

        var prompts = new List<string>();
        foreach (var verb in root.Elements())
        {
            switch (verb.Name.LocalName)
            {
                case "Say":
                    prompts.Add("say:" + verb.Value);
                    break;
                case "Play":
                    prompts.Add("play:" + verb.Value.Trim());
                    break;
                case "Hangup":
                    return new TwimlInstructions(prompts, null);
                case "Record":
                    return new TwimlInstructions(prompts, null)
                    {
                        Record = new RecordVerb(verb.Attribute("action")?.Value, verb.Attribute("recordingStatusCallback")?.Value,
                            Events(verb.Attribute("recordingStatusCallbackEvent")?.Value)),
                    };
                case "Dial":
                    return new TwimlInstructions(prompts, verb.Element("Conference") is { } conference ? ReadConference(conference) : null);
            }
        }

        return new TwimlInstructions(prompts, null);
    }

    private static ConferenceJoin ReadConference(XElement conference)
    {
        string? Attribute(string name) => conference.Attribute(name)?.Value;
        bool Flag(string name, bool fallback) =>
            Attribute(name) is { } value ? string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) : fallback;

        var coach = Attribute("coach");
        var record = Attribute("record");
        return new ConferenceJoin
        {
            FriendlyName = conference.Value.Trim(),
            Label = Attribute("participantLabel"),
            StartConferenceOnEnter = Flag("startConferenceOnEnter", true),
            EndConferenceOnExit = Flag("endConferenceOnExit", false),
            Muted = Flag("muted", false),
            Coaching = !string.IsNullOrEmpty(coach),
            CallSidToCoach = string.IsNullOrEmpty(coach) ? null : coach,
            WaitUrl = Attribute("waitUrl"),
            StatusCallback = Attribute("statusCallback"),
            StatusCallbackEvents = Events(Attribute("statusCallbackEvent")),
            Record = record is "record-from-start",
            RecordingStatusCallback = Attribute("recordingStatusCallback"),
            RecordingStatusCallbackEvents = Events(Attribute("recordingStatusCallbackEvent")),
        };
    }

    /// <summary>Twilio takes event lists space-separated in TwiML and as repeated (or space-separated) form keys over REST.</summary>
    public static IReadOnlySet<string> Events(params IEnumerable<string?> values) =>
        values.SelectMany(v => (v ?? "").Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
}

/// <summary>Twilio's error codes for the refusals the simulator models.</summary>
public static class TwilioErrorCodes
{
    public const int Authenticate = 20003;
    public const int NotFound = 20404;
    public const int InvalidParameter = 21218;
    public const int NotInProgress = 21220;
    public const int FromRequired = 21603;
    public const int ToRequired = 21604;
    public const int UrlRequired = 21205;
    public const int InvalidFromNumber = 21212;
    public const int DocumentParseFailure = 12100;
    public const int ConferenceFull = 16020;

    /// <summary>Not a documented Twilio code: Twilio's own refusal of a reused label is a 400 we have not seen the code of.</summary>
    public const int DuplicateLabel = 16025;
}

/// <summary>&lt;Record&gt;'s action (requested once the message is recorded) and its recording status callback.</summary>
public sealed record RecordVerb(string? Action, string? RecordingStatusCallback, IReadOnlySet<string> RecordingStatusCallbackEvents);
