using Survey.Contracts;
using Survey.Domain.Questions;
using Survey.Domain.Tallying;
using Survey.Store;

namespace Survey.UnitTests.Disclosure;

// One resident's answer, as the tests make them up: the truth the attacker tries to recover.
public sealed record Respondent(
    string? Area = null, string? Age = null, string? Gender = null, string? Channel = null,
    string[]? Concerns = null, string[]? Priorities = null, DateOnly? Day = null, QuestionAnswer[]? Answers = null, string? FreeText = null)
{
    public SurveyResponseSubmitted ToMessage(string slug, Guid? id = null) => new()
    {
        ResponseId = id ?? Guid.NewGuid(),
        SurveySlug = slug,
        MunicipalityCode = "2514",
        // Noon in Sweden, so the day is the same in UTC and in Swedish time.
        ReceivedAt = new DateTimeOffset((Day ?? new DateOnly(2026, 11, 2)).ToDateTime(new TimeOnly(11, 0)), TimeSpan.Zero),
        Area = Area,
        AgeGroup = Age,
        Gender = Gender,
        Channel = Channel,
        Concerns = Concerns,
        Priorities = Priorities,
        Answers = Answers,
        FreeText = FreeText,
    };

    // The value this respondent has for a dimension ("" when not answered).
    public string Value(string dimension) => dimension switch
    {
        Dimensions.Area => Area ?? "",
        Dimensions.AgeGroup => Age ?? "",
        Dimensions.Gender => Gender ?? "",
        Dimensions.Channel => Channel ?? "",
        _ when dimension.StartsWith(Dimensions.QuestionPrefix, StringComparison.Ordinal) =>
            Answer(Dimensions.ByName(dimension)) is { Type: QuestionTypes.SingleChoice, Values: [var option] } ? option : "",
        _ => throw new ArgumentOutOfRangeException(nameof(dimension)),
    };

    // This respondent's answer to one of the survey's own questions; null when not answered.
    public QuestionAnswer? Answer(string code) => Answers?.FirstOrDefault(a => a.Code == code);

    public bool Named(string concern) => Concerns?.Contains(concern) == true;

    // The tallies these answers make, exactly as the worker writes them, per dimension.
    public static Dictionary<string, IReadOnlyList<TallyRow>> Tallies(string slug, IEnumerable<Respondent> people) =>
        Tally.Deltas(people.Select(p => p.ToMessage(slug)))
            .GroupBy(d => d.Key.Dimension)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<TallyRow>)g
                .Select(d => new TallyRow(d.Key.Value, d.Key.Metric, d.Value.Count, d.Value.PriorityPoints)).ToList());
}
