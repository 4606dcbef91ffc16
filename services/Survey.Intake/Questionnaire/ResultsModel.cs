using Survey.Domain.Municipalities;
using Survey.Domain.Pledges;
using Survey.Domain.Surveys;

namespace Survey.Intake.Questionnaire;

// Everything the results page ("ni sa – vi gjorde") shows: the survey, the words, and what the Staff API says may be shown.
public sealed record ResultsModel(SurveyDefinition Survey, Texts Texts, PublicResults Results)
{
    // The questionnaire takes answers now: the page links to it.
    public bool SurveyOpen { get; init; }

    public string Municipality => MunicipalityRegistry.TryGet(Survey.MunicipalityCode, out var m) ? m.Name : Survey.MunicipalityCode;
    public string Period => QuestionnaireModel.PeriodText(Survey);
    public string Title => Texts.Format("results.title", Municipality, Period);

    public static string Path(string slug) => $"/s/{slug}/resultat";

    public string LanguageLink(string language) => QuestionnaireModel.Localised(Path(Survey.Slug), language, null);

    public string Concern(string code) => Texts["concern." + code];

    // A text staff wrote, in the page's language or else in Swedish; Lang is "sv" when it fell back, so a screen reader
    // reads it as Swedish, and null when it is in the page's language.
    public (string Text, string? Lang) Local(LocalText text) =>
        text.In(Texts.Language) is { } own ? (own, null) : (text.Swedish, Texts.Language == "sv" ? null : "sv");

    public string Date(DateOnly date) => date.ToString(Texts["_date"], Texts.Culture);

    // A whole percent as the language writes it ("34 %" with a no-break space in Swedish, "34%" in English).
    public string Share(double share) => Texts.Format("_percent", Math.Round(share * 100).ToString("0", Texts.Culture));

    // A change in percentage points, signed: "+5", "−3" (a true minus sign), "0".
    public string Points(double change) => Math.Round(change * 100).ToString("+0;−0;0", Texts.Culture);

    // The latest update on an activity, if any.
    public PledgeProgress? LatestFor(PledgeActivity activity) => Results.Progress.FirstOrDefault(p => p.Activity == activity.Code);

    // How many are done, from the latest update that counted them.
    public int? DoneFor(PledgeActivity activity) => Results.Progress.FirstOrDefault(p => p.Activity == activity.Code && p.Done is not null)?.Done;

    public IEnumerable<PledgeProgress> GeneralUpdates => Results.Progress.Where(p => p.Activity is null);
}
