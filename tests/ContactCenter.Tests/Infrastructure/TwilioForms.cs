namespace ContactCenter.Tests.Infrastructure;

/// <summary>Webhook bodies shaped as Twilio sends them.</summary>
public static class TwilioForms
{
    public const string CallSid = "CA0123456789abcdef0123456789abcdef";

    public static Dictionary<string, string> IncomingCall(string callSid = CallSid) => new()
    {
        ["AccountSid"] = ContactCenterFactory.AccountSid,
        ["ApiVersion"] = "2010-04-01",
        ["CallSid"] = callSid,
        ["CallStatus"] = "ringing",
        ["Called"] = "+18005550100",
        ["CalledCountry"] = "US",
        ["Caller"] = "+14155551234",
        ["CallerCountry"] = "US",
        ["Direction"] = "inbound",
        ["From"] = "+14155551234",
        ["FromCity"] = "SAN FRANCISCO",
        ["FromCountry"] = "US",
        ["FromState"] = "CA",
        ["FromZip"] = "94105",
        ["To"] = "+18005550100",
        ["ToCountry"] = "US",
    };
}
