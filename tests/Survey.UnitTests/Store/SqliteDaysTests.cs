using Survey.Contracts;
using Survey.Store;
using Survey.Domain.Tallying;

namespace Survey.UnitTests.Store;

public class SqliteDaysTests
{
    [Fact]
    public async Task Responses_per_day_follow_the_Swedish_calendar_in_winter_and_summer()
    {
        var folder = Directory.CreateTempSubdirectory("survey-days-").FullName;
        try
        {
            using var database = new SqliteDatabase(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "s.db") }.ToString());
            await new SqliteMigrator(database).MigrateAsync(CancellationToken.None);
            await new SqliteSurveyStore(database).CreateAsync(TestSurveys.Open("days"), CancellationToken.None);
            var store = new SqliteResponseStore(database);
            SurveyResponseSubmitted At(string utc) => new()
            {
                ResponseId = Guid.NewGuid(), SurveySlug = "days", MunicipalityCode = "2514", ReceivedAt = DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture),
            };
            await store.RecordAsync(
            [
                At("2026-01-15T22:59:59Z"), // 23:59 CET: 15 January
                At("2026-01-15T23:00:00Z"), // 00:00 CET: 16 January
                At("2026-07-15T21:30:00Z"), // 23:30 CEST: 15 July
                At("2026-07-15T22:10:00Z"), // 00:10 CEST: 16 July
                At("2026-07-16T09:00:00Z"),
            ], CancellationToken.None);

            var days = await store.ReadResponsesPerDayAsync("days", CancellationToken.None);

            days.Should().Equal(
                new DayCount(new DateOnly(2026, 1, 15), 1), new DayCount(new DateOnly(2026, 1, 16), 1),
                new DayCount(new DateOnly(2026, 7, 15), 1), new DayCount(new DateOnly(2026, 7, 16), 2));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
