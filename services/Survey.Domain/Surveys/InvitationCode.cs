using System.Security.Cryptography;
using System.Text;

namespace Survey.Domain.Surveys;

// Single-use codes for a sampled survey, such as "7KQ2M-XR4PD". Crockford's alphabet (no I, L, O, U)
// so a code read off a letter is typed right. Only a hash is stored: a leaked table gives no usable code.
public static class InvitationCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string New()
    {
        Span<char> code = stackalloc char[10];
        for (var i = 0; i < code.Length; i++) code[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return $"{code[..5]}-{code[5..]}";
    }

    // Upper-case, without spaces and hyphens, with the look-alikes a reader may type (O, I, L) mapped.
    public static string Normalize(string code)
    {
        var builder = new StringBuilder(code.Length);
        foreach (var c in code.ToUpperInvariant())
        {
            if (c is ' ' or '-') continue;
            builder.Append(c switch { 'O' => '0', 'I' or 'L' => '1', _ => c });
        }
        return builder.ToString();
    }

    public static string Hash(string code) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Normalize(code))));
}

public enum InvitationState { Redeemed, AlreadyUsed, Unknown }
