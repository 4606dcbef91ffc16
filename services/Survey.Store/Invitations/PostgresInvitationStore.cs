using Dapper;
using Npgsql;
using Survey.Domain.Surveys;

namespace Survey.Store;

public sealed class PostgresInvitationStore(NpgsqlDataSource db) : IInvitationStore
{
    public async Task AddInvitationsAsync(string surveySlug, IReadOnlyList<string> codeHashes, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "insert into invitations (survey_slug, code_hash) select @surveySlug, unnest(@codeHashes) on conflict do nothing",
            new { surveySlug, codeHashes = codeHashes.ToArray() }, cancellationToken: ct));
    }

    public async Task<InvitationState> RedeemAsync(string surveySlug, string codeHash, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var spent = await connection.ExecuteAsync(new CommandDefinition(
            "update invitations set used = true where survey_slug = @surveySlug and code_hash = @codeHash and not used",
            new { surveySlug, codeHash }, cancellationToken: ct));
        if (spent == 1) return InvitationState.Redeemed;
        var exists = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select exists (select 1 from invitations where survey_slug = @surveySlug and code_hash = @codeHash)",
            new { surveySlug, codeHash }, cancellationToken: ct));
        return exists ? InvitationState.AlreadyUsed : InvitationState.Unknown;
    }

    public async Task ReleaseAsync(string surveySlug, string codeHash, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "update invitations set used = false where survey_slug = @surveySlug and code_hash = @codeHash",
            new { surveySlug, codeHash }, cancellationToken: ct));
    }
}
