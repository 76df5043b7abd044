using System.Globalization;
using System.Text;

namespace ContactCenter.Tests.Fuzz;

/// <summary>Hostile values, drawn from a seeded <see cref="Random"/>: unicode, control characters, huge, numeric edges, near-SIDs.</summary>
public static class FuzzValues
{
    private static readonly string[] Pieces =
    [
        "", " ", "é", "ß", "😀", "\u202e", "\u0000", "\r\n", "\t", "\uffff", "\ud83d", "漢字", "ﷺ", "%", "%zz", "%e2%82", "+", "&", "=", "?", "#",
        "<Response>", "]]>", "'\"", "\\", "null", "true", "TRUE", "-1", "0", "99999999999999999999", "1e10", "NaN", "room-", "../", "%2F",
    ];

    private static readonly string[] Shapes = ["CA", "CF", "RE", "AC", "TR", "SK"];

    public static string Value(Random random) => random.Next(12) switch
    {
        0 => "",
        1 => Huge(random, random.Next(600, 4000)),
        2 => Sid(random),
        3 => random.NextInt64(long.MinValue, long.MaxValue).ToString(CultureInfo.InvariantCulture),
        4 => random.Next(2) == 0 ? "true" : "False",
        5 => "Mon, 23 Nov 2026 21:00:" + random.Next(99).ToString(CultureInfo.InvariantCulture) + " +0" + random.Next(9999).ToString(CultureInfo.InvariantCulture),
        6 => "+1" + random.NextInt64(0, 99_999_999_999).ToString(CultureInfo.InvariantCulture),
        _ => Mixed(random, random.Next(1, 40)),
    };

    public static string Name(Random random) => random.Next(6) switch
    {
        0 => "",
        1 => Mixed(random, random.Next(1, 12)),
        2 => "callsid",
        3 => "CONFERENCESID",
        4 => "Extra" + random.Next(1000).ToString(CultureInfo.InvariantCulture),
        _ => Huge(random, random.Next(100, 800)),
    };

    /// <summary>Something that looks like a SID: right or wrong prefix, right or wrong length, sometimes not hex.</summary>
    public static string Sid(Random random)
    {
        var prefix = Shapes[random.Next(Shapes.Length)];
        var length = random.Next(4) == 0 ? random.Next(0, 40) : 32;
        var hex = Convert.ToHexStringLower(RandomBytes(random, (length + 1) / 2))[..length];
        return random.Next(8) == 0 ? prefix + hex.ToUpperInvariant().Replace('A', 'Z') : prefix + hex;
    }

    public static string Mixed(Random random, int pieces)
    {
        var text = new StringBuilder();
        for (var i = 0; i < pieces; i++)
        {
            text.Append(random.Next(3) == 0 ? Pieces[random.Next(Pieces.Length)] : (char)random.Next(0x20, 0x2fff));
        }

        return text.ToString();
    }

    public static string Huge(Random random, int length) => new((char)random.Next('a', 'z' + 1), length);

    public static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
