using System.Xml.Linq;

namespace ContactCenter.Tests.Voice;

/// <summary>
/// Compares two TwiML documents as Twilio reads them: the same elements in the same order, the same attributes in
/// any order, the same text. Only booleans are normalised ("True" and "true" are one value to Twilio).
/// </summary>
public static class TwimlComparison
{
    public static string? FirstDifference(XElement expected, XElement actual, string path = "")
    {
        path += "/" + expected.Name.LocalName;
        if (expected.Name != actual.Name)
        {
            return $"{path}: element <{actual.Name}> instead of <{expected.Name}>";
        }

        var expectedAttributes = Attributes(expected);
        var actualAttributes = Attributes(actual);
        foreach (var (name, value) in expectedAttributes)
        {
            if (!actualAttributes.TryGetValue(name, out var other))
            {
                return $"{path}: attribute {name}=\"{value}\" missing";
            }

            if (other != value)
            {
                return $"{path}: attribute {name}=\"{other}\" instead of \"{value}\"";
            }
        }

        if (actualAttributes.Keys.Except(expectedAttributes.Keys).FirstOrDefault() is { } extra)
        {
            return $"{path}: unexpected attribute {extra}=\"{actualAttributes[extra]}\"";
        }

        if (Text(expected) != Text(actual))
        {
            return $"{path}: text \"{Text(actual)}\" instead of \"{Text(expected)}\"";
        }

        var expectedChildren = expected.Elements().ToList();
        var actualChildren = actual.Elements().ToList();
        if (expectedChildren.Count != actualChildren.Count)
        {
            return $"{path}: [{string.Join(", ", actualChildren.Select(c => c.Name.LocalName))}] instead of [{string.Join(", ", expectedChildren.Select(c => c.Name.LocalName))}]";
        }

        return expectedChildren.Zip(actualChildren).Select(pair => FirstDifference(pair.First, pair.Second, path)).FirstOrDefault(d => d is not null);
    }

    private static Dictionary<XName, string> Attributes(XElement element) =>
        element.Attributes().Where(a => !a.IsNamespaceDeclaration).ToDictionary(a => a.Name, a => Normalise(a.Value));

    private static string Normalise(string value) =>
        bool.TryParse(value, out var flag) ? (flag ? "true" : "false") : value;

    private static string Text(XElement element) => string.Concat(element.Nodes().OfType<XText>().Select(t => t.Value));
}
