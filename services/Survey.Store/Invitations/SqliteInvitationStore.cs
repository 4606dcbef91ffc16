using Dapper;
using Microsoft.Data.Sqlite;
using Survey.Domain.Surveys;

namespace Survey.Store;

public sealed class SqliteInvitationStore(SqliteDatabase database) : IInvitationStore
{
    public Task AddInvitationsAsync(string surveySlug, IReadOnlyList<string> codeHashes, CancellationToken ct) =>
        database.WriteAsync(async connection =>
        {
            await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
            foreach (var codeHash in codeHashes)
                await connection.ExecuteAsync("insert or ignore into invitations (survey_slug, code_hash) values (@surveySlug, @codeHash)",
                    new { surveySlug, codeHash }, tx);
            await tx.CommitAsync(ct);
        }, ct);

    public Task<InvitationState> RedeemAsync(string surveySlug, string codeHash, CancellationToken ct) =>
        database.WriteAsync(async connection =>
        {
            var spent = await connection.ExecuteAsync(
                "update invitations set used = 1 where survey_slug = @surveySlug and code_hash = @codeHash and used = 0", new { surveySlug, codeHash });
            if (spent == 1) return InvitationState.Redeemed;
            var exists = await connection.ExecuteScalarAsync<long>(
                "select count(*) from invitations where survey_slug = @surveySlug and code_hash = @codeHash", new { surveySlug, codeHash });
            return exists > 0 ? InvitationState.AlreadyUsed : InvitationState.Unknown;
        }, ct);

    public Task ReleaseAsync(string surveySlug, string codeHash, CancellationToken ct) =>
        database.WriteAsync(connection =>
            connection.ExecuteAsync("update invitations set used = 0 where survey_slug = @surveySlug and code_hash = @codeHash",
                new { surveySlug, codeHash }), ct);
}
