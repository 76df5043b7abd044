using System.Text.Json;
using ContactCenter.Api.Twilio;
using ContactCenter.Tests.Infrastructure;
using Microsoft.Extensions.Primitives;

namespace ContactCenter.Tests.Twilio;

/// <summary>Vectors computed with Twilio's own helper library (tests/vendor/twilio-vectors).</summary>
public sealed class SignatureVectorTests
{
    public static TheoryData<string> VectorNames()
    {
        var data = new TheoryData<string>();
        foreach (var vector in LoadVectors())
        {
            data.Add(vector.GetProperty("name").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Computes_the_expected_signature(string name)
    {
        var vector = Vector(name);
        Assert.Equal(vector.GetProperty("expectedSignature").GetString(), TwilioSignature.Compute(Token(vector), Url(vector), Params(vector)));
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void The_simulator_signs_its_webhooks_as_twilio_does(string name)
    {
        var vector = Vector(name);
        var form = Params(vector).SelectMany(p => p.Value.Select(value => new KeyValuePair<string, string>(p.Key, value!)));
        Assert.Equal(vector.GetProperty("expectedSignature").GetString(), ContactCenter.TwilioSimulator.SimulatorSignature.Compute(Token(vector), Url(vector), form));
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Accepts_the_expected_signature_and_every_port_variant(string name)
    {
        var vector = Vector(name);
        Assert.True(TwilioSignature.IsValid(Token(vector), Url(vector), Params(vector), vector.GetProperty("expectedSignature").GetString()));
        var variants = vector.GetProperty("acceptedVariants").EnumerateArray().ToList();
        Assert.NotEmpty(variants);
        foreach (var variant in variants)
        {
            var signature = variant.GetProperty("signature").GetString();
            Assert.Equal(signature, TwilioSignature.Compute(Token(vector), variant.GetProperty("signedUrl").GetString()!, Params(vector)));
            Assert.True(TwilioSignature.IsValid(Token(vector), Url(vector), Params(vector), signature));
        }
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Rejects_a_tampered_parameter_a_wrong_token_and_a_missing_signature(string name)
    {
        var vector = Vector(name);
        var signature = vector.GetProperty("expectedSignature").GetString();
        var tampered = Params(vector).ToDictionary();
        var firstKey = tampered.Keys.First();
        tampered[firstKey] = tampered[firstKey] + "x";

        Assert.False(TwilioSignature.IsValid(Token(vector), Url(vector), tampered, signature));
        Assert.False(TwilioSignature.IsValid(Token(vector) + "x", Url(vector), Params(vector), signature));
        Assert.False(TwilioSignature.IsValid(Token(vector), Url(vector) + "&extra=1", Params(vector), signature));
        Assert.False(TwilioSignature.IsValid(Token(vector), Url(vector), Params(vector), null));
        Assert.False(TwilioSignature.IsValid(Token(vector), Url(vector), Params(vector), "not base64!"));
    }

    [Theory]
    [InlineData("https://a.example/x?y=1", "https://a.example/x?y=1", "https://a.example:443/x?y=1")]
    [InlineData("http://a.example:8080/x", "http://a.example/x", "http://a.example:8080/x")]
    [InlineData("http://localhost/voice", "http://localhost/voice", "http://localhost:80/voice")]
    [InlineData("https://[::1]:8443/voice", "https://[::1]/voice", "https://[::1]:8443/voice")]
    public void Port_variants_follow_twilio_validators(string url, string withoutPort, string withPort) =>
        Assert.Equal((withoutPort, withPort), TwilioSignature.PortVariants(url));

    [Fact]
    public void Repeated_keys_are_signed_name_and_value_for_each_value_in_order()
    {
        var form = new Dictionary<string, StringValues> { ["B"] = new(["2", "1"]), ["A"] = "x" };
        var expected = TwilioSigner.Sign("t", "https://h/p", [new("A", "x"), new("B", "1"), new("B", "2")]);
        Assert.Equal(expected, TwilioSignature.Compute("t", "https://h/p", form));
    }

    private static JsonElement Vector(string name) => LoadVectors().Single(v => v.GetProperty("name").GetString() == name);

    private static string Token(JsonElement vector) => vector.GetProperty("authToken").GetString()!;

    private static string Url(JsonElement vector) => vector.GetProperty("url").GetString()!;

    private static Dictionary<string, StringValues> Params(JsonElement vector) =>
        vector.GetProperty("params").EnumerateObject().ToDictionary(p => p.Name, p => new StringValues(p.Value.GetString()));

    private static List<JsonElement> LoadVectors()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Vendored("twilio-vectors", "signatures.json")));
        return document.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
    }
}
