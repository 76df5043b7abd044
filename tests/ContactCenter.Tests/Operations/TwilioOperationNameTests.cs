using ContactCenter.Api.Twilio.Rest;

namespace ContactCenter.Tests.Operations;

public sealed class TwilioOperationNameTests
{
    [Theory]
    [InlineData("POST", "https://api.twilio.com/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Calls.json", "POST Calls")]
    [InlineData("POST", "http://127.0.0.1:5000/sim/twilio/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Conferences/CF0123456789abcdef0123456789abcdef/Participants.json",
        "POST Conferences/{sid}/Participants")]
    [InlineData("POST", "https://api.twilio.com/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Conferences/CF0123456789abcdef0123456789abcdef/Participants/agent-alice.json?x=1",
        "POST Conferences/{sid}/Participants/{sid}")]
    [InlineData("GET", "https://api.twilio.com/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Calls/CA0123456789abcdef0123456789abcdef.json", "GET Calls/{sid}")]
    public void A_request_is_labelled_by_method_and_path_with_every_id_replaced(string method, string url, string operation) =>
        Assert.Equal(operation, TwilioTelemetryHandler.Operation(new HttpMethod(method), new Uri(url)));
}
