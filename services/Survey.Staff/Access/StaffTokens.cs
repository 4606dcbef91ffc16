using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Survey.Store;

namespace Survey.Staff.Access;

// The HMAC key of staff tokens (Auth:SigningKey, or a development key kept in the data folder)
// and the tokens made with it: the development token and the tests' tokens. JwtBearer validates them.
public sealed class StaffTokens
{
    private readonly StaffAuthOptions _options;
    private readonly JsonWebTokenHandler _handler = new();

    public StaffTokens(IOptions<StaffAuthOptions> options, IConfiguration configuration, ILogger<StaffTokens> logger)
    {
        _options = options.Value;
        var key = _options.SigningKey;
        if (_options.Authority is null && string.IsNullOrEmpty(key))
        {
            var file = Path.Combine(StoreRegistration.EnsureDataDirectory(configuration), "dev-signing-key");
            if (!File.Exists(file)) PrivateFiles.WriteAllText(file, Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)));
            else PrivateFiles.Restrict(file);
            key = File.ReadAllText(file).Trim();
            IsDevelopmentKey = true;
            logger.LogWarning("No Auth:SigningKey or Auth:Authority configured: using the development key in {File}", file);
        }
        if (key is { Length: < 32 })
            throw new InvalidOperationException("Auth:SigningKey must be at least 32 characters.");
        if (!string.IsNullOrEmpty(key)) SigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key));
    }

    public bool IsDevelopmentKey { get; }

    // The HMAC key bearer tokens are validated with; null when an OpenID Connect provider's keys are used instead.
    public SecurityKey? SigningKey { get; }

    // A development token: every role, every municipality.
    public string CreateDevelopment(TimeSpan lifetime) =>
        Create([StaffRoles.Admin, StaffRoles.Analyst, StaffRoles.Comms, StaffRoles.Dialog], ["*"], lifetime);

    public string Create(IEnumerable<string> roles, IEnumerable<string> municipalities, TimeSpan lifetime, string subject = "developer")
    {
        if (_options.Authority is not null || SigningKey is null)
            throw new InvalidOperationException("Tokens are issued by the OpenID Connect provider, not here.");
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            Claims = new Dictionary<string, object>
            {
                ["sub"] = subject,
                [StaffClaims.Role] = roles.ToArray(),
                [StaffClaims.Municipality] = municipalities.ToArray(),
            },
            Expires = DateTime.UtcNow + lifetime,
            SigningCredentials = new SigningCredentials(SigningKey, SecurityAlgorithms.HmacSha256),
        });
    }
}

// With the development key, a ready-made token (every role, every municipality) is written and printed.
internal sealed class DevelopmentToken(StaffTokens tokens, IConfiguration configuration, IHostApplicationLifetime lifetime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!tokens.IsDevelopmentKey) return Task.CompletedTask;
        var token = tokens.CreateDevelopment(TimeSpan.FromDays(30));
        var file = Path.Combine(StoreRegistration.EnsureDataDirectory(configuration), "dev-token.txt");
        PrivateFiles.WriteAllText(file, token + Environment.NewLine);
        lifetime.ApplicationStarted.Register(() => Console.WriteLine($"""
              Staff token (development; every role and municipality; 30 days), also in {file}:
                {token}
              Use it as: curl -H "Authorization: Bearer $(cat {file})" …

            """));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
