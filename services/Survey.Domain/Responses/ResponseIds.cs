using System.Security.Cryptography;

namespace Survey.Domain.Responses;

// The id a response is stored and counted under. A resident's page chooses its response's id, so that an answer sent
// again (a retry after a 503, a double click) is counted once; but a client can choose any 128 bits, and an id such as
// 19811218-9876-4070-8123-070123456700 would carry a personnummer and a phone number into storage and the logs. So a
// chosen id is never kept as it came: the id stored is a name-based UUID (version 8) of it, SHA-256 under this service's
// namespace, of the survey's slug and the id. The same chosen id for the same survey always gives the same stored id (on
// every Intake instance, with no key to share), so a retry is still counted once; the same id sent to another survey is
// another answer; and what the client wrote into the id is not kept. An id the service makes itself
// (Guid.CreateVersion7) is stored as it is.
public static class ResponseIds
{
    private static readonly byte[] Namespace = Guid.Parse("6f1c2a7e-5d3b-4c8e-9a41-0b7d2e9f6c15").ToByteArray(bigEndian: true);

    public static Guid Stored(string survey, Guid chosen)
    {
        var slug = System.Text.Encoding.UTF8.GetBytes(survey);
        var name = new byte[32 + slug.Length];
        Namespace.CopyTo(name, 0);
        chosen.TryWriteBytes(name.AsSpan(16, 16), bigEndian: true, out _);
        slug.CopyTo(name, 32);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(name, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80); // version 8: custom
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // the RFC 9562 variant
        return new Guid(hash[..16], bigEndian: true);
    }
}
