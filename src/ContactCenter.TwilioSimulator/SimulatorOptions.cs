namespace ContactCenter.TwilioSimulator;

/// <summary>The embedded Twilio simulator (section <c>Simulator</c>). See README "Running without a Twilio account".</summary>
public sealed class SimulatorOptions
{
    public const string Section = "Simulator";

    /// <summary>Public, so it protects nothing: the simulator never runs beside real Twilio credentials.</summary>
    public const string DevelopmentAuthToken = "development-only-auth-token";

    /// <summary>null: active only in Development when no Twilio credentials are configured (the host decides).</summary>
    public bool? Enabled { get; set; }

    /// <summary>The token the simulator signs its webhooks with and accepts for Basic auth on its REST API.</summary>
    public string AuthToken { get; set; } = DevelopmentAuthToken;

    /// <summary>Where the simulator posts webhooks and where the service reaches its REST API; default: the service's own address.</summary>
    public string? ServiceBaseUrl { get; set; }

    /// <summary>How long a dialed endpoint without its own entry in <see cref="Phones"/> rings before it answers.</summary>
    public int AnswerDelayMs { get; set; } = 1500;

    public List<SimulatedPhoneOptions> Phones { get; set; } = [];

    /// <summary>Deliver some callbacks twice and some out of order, as Twilio may.</summary>
    public bool Chaos { get; set; }

    public int ChaosSeed { get; set; } = 20100401;
}

public sealed class SimulatedPhoneOptions
{
    /// <summary>The dialed endpoint exactly as the To parameter names it: +1415..., sip:..., client:...</summary>
    public string Endpoint { get; set; } = "";

    /// <summary>answer, busy, no-answer, fail or manual.</summary>
    public string Behavior { get; set; } = "answer";

    public int? AnswerAfterMs { get; set; }

    public bool TryGetBehavior(out PhoneBehavior behavior) =>
        Enum.TryParse(Behavior.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out behavior) && Enum.IsDefined(behavior);
}

public enum PhoneBehavior
{
    Answer,
    Busy,
    NoAnswer,
    Fail,

    /// <summary>Rings until <c>POST /sim/phones/{callSid}/answer</c> or the dial timeout.</summary>
    Manual,
}
