using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Caching.Distributed;

namespace Survey.Staff.Access;

// The staff pages' sessions, kept on the server in IDistributedCache (in memory by default):
// the cookie carries only a random key, so signing out removes the session and a copied cookie stops
// working at once. Entries are protected with Data Protection, so whoever can write to a shared cache
// still cannot forge a session.
public sealed class StaffSessionStore(IDistributedCache cache, IDataProtectionProvider protection) : ITicketStore
{
    private const string Prefix = "staff-session:";
    private readonly IDataProtector _protector = protection.CreateProtector("Survey.Ranking.StaffSessions");

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        await RenewAsync(key, ticket);
        return key;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) =>
        cache.SetAsync(Prefix + key, _protector.Protect(TicketSerializer.Default.Serialize(ticket)), new DistributedCacheEntryOptions
        {
            // The cookie handler checks the expiry too; the cache forgets the session at the same moment.
            AbsoluteExpiration = ticket.Properties.ExpiresUtc ?? DateTimeOffset.UtcNow + Dashboard.StaffSignIn.MaxSession,
        });

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        if (await cache.GetAsync(Prefix + key) is not { } protectedTicket) return null;
        try
        {
            return TicketSerializer.Default.Deserialize(_protector.Unprotect(protectedTicket));
        }
        catch (CryptographicException)
        {
            // Written with a key this instance does not have: no session.
            return null;
        }
    }

    public Task RemoveAsync(string key) => cache.RemoveAsync(Prefix + key);
}
