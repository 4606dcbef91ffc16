using Dapper;
using Microsoft.Data.Sqlite;
using Survey.Contracts;
using Survey.Domain.Surveys;
using Survey.Store;

namespace Survey.UnitTests.Store;

public sealed class SchemaMigrationTests : IDisposable
{
    // The schema as the code before migrations (SqliteStore.EnsureCreatedAsync) created it, copied here as it
    // was: a survey.db made by that code must be taken as it is, with every row kept.
    private const string SchemaBeforeMigrations = """
        pragma journal_mode = wal;
        create table if not exists surveys (
            slug              text primary key,
            municipality_code text not null,
            definition        text not null,
            created_at        text not null default (strftime('%Y-%m-%dT%H:%M:%fZ')),
            updated_at        text not null default (strftime('%Y-%m-%dT%H:%M:%fZ')));
        create table if not exists responses (
            response_id  text primary key,
            survey_slug  text not null references surveys (slug),
            received_at  text not null,
            recorded_at  text not null default (strftime('%Y-%m-%dT%H:%M:%fZ')),
            answer       text not null);
        create index if not exists responses_survey on responses (survey_slug, received_at);
        create table if not exists tallies (
            survey_slug     text not null references surveys (slug),
            dimension       text not null,
            dimension_value text not null,
            metric          text not null,
            count           integer not null,
            priority_points integer not null,
            primary key (survey_slug, dimension, dimension_value, metric));
        create table if not exists invitations (
            survey_slug text not null references surveys (slug),
            code_hash   text not null,
            used        integer not null default 0,
            primary key (survey_slug, code_hash));
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("survey-migrations-").FullName;

    private string ConnectionString(string file = "survey.db") =>
        new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, file) }.ToString();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_fresh_database_gets_every_migration_once_in_order()
    {
        using var database = new SqliteDatabase(ConnectionString());

        var applied = await new SqliteMigrator(database).MigrateAsync(CancellationToken.None);

        var embedded = Migrations.For(Migrations.Sqlite).Select(m => m.Name).ToList();
        embedded.Should().StartWith("001_surveys").And.Contain(["002_responses", "003_invitations"]);
        applied.Should().Equal(embedded);
        (await RecordedAsync(database)).Should().Equal(embedded);
    }

    [Fact]
    public async Task The_migrations_make_the_schema_the_code_before_them_made()
    {
        using var old = new SqliteDatabase(ConnectionString("old.db"));
        await using (var connection = await old.OpenAsync(CancellationToken.None)) await connection.ExecuteAsync(SchemaBeforeMigrations);
        using var fresh = new SqliteDatabase(ConnectionString());
        await new SqliteMigrator(fresh).MigrateAsync(CancellationToken.None);

        var freshSchema = (await SchemaAsync(fresh)).Where(s => !s.Contains("schema_migrations", StringComparison.Ordinal));
        // Later migrations add tables of their own (006_pledges …); what the old code made, they make alike.
        freshSchema.Should().Contain(await SchemaAsync(old));
    }

    private static bool AddedLater(string schemaObject) =>
        schemaObject.StartsWith("table dialogues:", StringComparison.Ordinal) || schemaObject.StartsWith("index dialogues_survey:", StringComparison.Ordinal)
        || schemaObject.StartsWith("index sqlite_autoindex_dialogues_", StringComparison.Ordinal);

    [Fact]
    public async Task The_dialogue_migration_adds_its_table_and_index()
    {
        using var database = new SqliteDatabase(ConnectionString());
        await new SqliteMigrator(database).MigrateAsync(CancellationToken.None);

        (await SchemaAsync(database)).Where(AddedLater).Should().HaveCount(3);
    }

    [Fact]
    public async Task A_database_made_before_migrations_is_upgraded_with_every_row_kept()
    {
        using var database = new SqliteDatabase(ConnectionString());
        await using (var connection = await database.OpenAsync(CancellationToken.None)) await connection.ExecuteAsync(SchemaBeforeMigrations);
        // Rows written by the stores, whose statements are those of the code before migrations.
        await new SqliteSurveyStore(database).CreateAsync(TestSurveys.Open("kalix"), CancellationToken.None);
        var responses = new SqliteResponseStore(database);
        await responses.RecordAsync(
        [
            new SurveyResponseSubmitted { ResponseId = Guid.NewGuid(), SurveySlug = "kalix", MunicipalityCode = "2514", ReceivedAt = DateTimeOffset.UtcNow },
        ], CancellationToken.None);
        var invitations = new SqliteInvitationStore(database);
        await invitations.AddInvitationsAsync("kalix", ["hash-1", "hash-2"], CancellationToken.None);
        await invitations.RedeemAsync("kalix", "hash-1", CancellationToken.None);
        var before = await RowsAsync(database);

        var applied = await new SqliteMigrator(database).MigrateAsync(CancellationToken.None);

        applied.Should().Equal(Migrations.For(Migrations.Sqlite).Select(m => m.Name), "the first steps are today's schema: recorded, changing nothing");
        (await RowsAsync(database)).Should().Equal(before);
        before.Should().Contain(r => r.StartsWith("tallies|kalix|", StringComparison.Ordinal)).And.Contain(r => r.StartsWith("invitations|kalix|hash-1|1", StringComparison.Ordinal));
        (await new SqliteSurveyStore(database).FindAsync("kalix", CancellationToken.None))!.Slug.Should().Be("kalix");
        (await responses.HasResponsesAsync("kalix", CancellationToken.None)).Should().BeTrue();
        (await invitations.RedeemAsync("kalix", "hash-2", CancellationToken.None)).Should().Be(InvitationState.Redeemed);
    }

    [Fact]
    public async Task Migrating_again_applies_nothing_new()
    {
        using var database = new SqliteDatabase(ConnectionString());
        var migrator = new SqliteMigrator(database);
        await migrator.MigrateAsync(CancellationToken.None);
        var recorded = await RecordedWithTimesAsync(database);

        (await migrator.MigrateAsync(CancellationToken.None)).Should().BeEmpty();
        (await RecordedWithTimesAsync(database)).Should().Equal(recorded);
    }

    [Fact]
    public async Task Two_processes_migrating_one_file_at_once_apply_each_migration_once()
    {
        // Two SqliteDatabase objects share no lock in this process, as two processes would not. A third
        // connection holds the write lock until both have started, so that they really meet.
        using var first = new SqliteDatabase(ConnectionString());
        using var second = new SqliteDatabase(ConnectionString());
        using var third = new SqliteDatabase(ConnectionString());
        await using var holder = await third.OpenAsync(CancellationToken.None);
        await holder.ExecuteAsync("pragma journal_mode = wal");
        var held = holder.BeginTransaction();

        var migrating = Task.WhenAll(
            Task.Run(() => new SqliteMigrator(first).MigrateAsync(CancellationToken.None)),
            Task.Run(() => new SqliteMigrator(second).MigrateAsync(CancellationToken.None)));
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        held.Commit();
        var applied = await migrating;

        applied.SelectMany(a => a).Should().Equal(Migrations.For(Migrations.Sqlite).Select(m => m.Name), "one of them applied them all, the other none");
        (await RecordedAsync(first)).Should().HaveCount(Migrations.For(Migrations.Sqlite).Count);
    }

    [Fact]
    public void Every_migration_is_written_for_both_engines()
    {
        // A feature's tables in one engine only would fail in the other mode, which the unit tests do not run.
        Migrations.For(Migrations.Postgres).Select(m => m.Name).Should().Equal(Migrations.For(Migrations.Sqlite).Select(m => m.Name))
            .And.NotBeEmpty();
    }

    private static async Task<List<string>> RecordedAsync(SqliteDatabase database)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        return [.. await connection.QueryAsync<string>("select name from schema_migrations order by name")];
    }

    private static async Task<List<string>> RecordedWithTimesAsync(SqliteDatabase database)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        return [.. await connection.QueryAsync<string>("select name || ' ' || applied_at from schema_migrations order by name")];
    }

    // Every table, index and its definition, as SQLite keeps it.
    private static async Task<List<string>> SchemaAsync(SqliteDatabase database)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        return [.. await connection.QueryAsync<string>(
            "select type || ' ' || name || ': ' || coalesce(sql, '(automatic)') from sqlite_master order by type, name")];
    }

    // Every row of the four tables, one "table|column|column…" line each.
    private static async Task<List<string>> RowsAsync(SqliteDatabase database)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        var rows = new List<string>();
        foreach (var table in new[] { "surveys", "responses", "tallies", "invitations" })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"select * from {table}";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                rows.Add(table + "|" + string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i).ToString())));
        }
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }
}
