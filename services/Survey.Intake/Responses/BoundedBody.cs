using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace Survey.Intake.Responses;

// A resident's request body, read into memory up to Intake:MaxBodyBytes, for the JSON endpoint and
// the plain form alike. Counted here rather than left to the server: a chunked body carries no
// Content-Length to refuse it by, and not every server enforces a per-request limit.
internal static class BoundedBody
{
    // The body, or null when it is longer than max bytes (nothing past that is read).
    public static async Task<ReadOnlyMemory<byte>?> ReadAsync(HttpRequest request, int max, CancellationToken ct)
    {
        if (request.ContentLength > max) return null;
        using var body = new MemoryStream((int)(request.ContentLength ?? 0));
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
            {
                if (body.Length + read > max) return null;
                body.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        // The stream's array outlives the stream: nothing is copied.
        return body.GetBuffer().AsMemory(0, (int)body.Length);
    }
}
