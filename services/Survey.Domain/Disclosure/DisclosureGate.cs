using Survey.Domain.Ranking;
using Survey.Domain.Responses;
using Survey.Domain.Tallying;

namespace Survey.Domain.Disclosure;

// The one gate every figure passes on its way out (DisclosureRule): it takes all that
// is counted about a survey and returns what may be shown, hiding each count of 1 to floor − 1,
// every figure built on a hidden count, and more where the shown figures and their totals would
// give a hidden count away. The API, the pages and every export are written from its result.
public static class DisclosureGate
{
    public static PublishedSurvey Apply(SurveyCounts counts)
    {
        var survey = counts.Survey;
        var minimum = Math.Max(1, survey.MinimumCellSize);
        var total = counts.Total;
        var notes = new List<string>();

        long? respondents = DisclosureRule.MayShow(total.Respondents, minimum) ? total.Respondents : null;
        long? answered = respondents is not null && DisclosureRule.MayShow(total.Answered, minimum) ? total.Answered : null;

        var dimensions = Dimensions.For(survey);
        var suppressed = dimensions.ToDictionary(d => d, d => BreakdownSuppression.Apply(
            counts.Breakdown(d), survey.Concerns, minimum, survey.MinimumCellSizeByConcern, QuestionGate.SkippedHidden(d, counts.Breakdown(d), minimum)));
        var breakdowns = dimensions.ToDictionary(d => d, d => new PublishedBreakdown(d,
            suppressed[d].Select(g => new PublishedGroup(
                g.Value,
                g.Respondents,
                g.Answered,
                survey.Concerns.ToDictionary(c => c, c => ShareOf(g.Counts[c], g.Answered))) with
            {
                RespondentShare = g.Respondents is { } n && respondents is { } all && all > 0 ? (double)n / all : null,
            }).ToList()));

        // A channel is a name anyone can make up (?k=…), a link made for one person included: a hidden channel listed by
        // its name would say that someone came by it. The hidden channels are shown together, as one group with every
        // figure hidden, named by no code (ChannelCode.Others).
        if (breakdowns.TryGetValue(Dimensions.Channel, out var byChannel))
            breakdowns[Dimensions.Channel] = HiddenChannelsTogether(byChannel, survey.Concerns);

        var (weighting, weighted) = Weigh(counts, suppressed, respondents, answered, minimum, notes);

        var previous = counts.Previous;
        var previousFloor = previous is null ? minimum : Math.Max(minimum, previous.Survey.MinimumCellSize);
        long? previousAnswered = previous is not null && DisclosureRule.MayShow(previous.Total.Answered, previousFloor) && previous.Total.Answered > 0
            ? previous.Total.Answered : null;

        var concerns = survey.Concerns.Select(code =>
        {
            var floor = survey.FloorFor(code);
            var t = total.Concern(code);
            long? count = DisclosureRule.MayShow(t.Count, floor) ? t.Count : null;
            var share = ShareOf(count, answered);
            // Points come from the people who put the concern in their top three: as many as the points say at least (3 each), or as counted.
            var givers = Math.Max(t.Prioritisers, (t.PriorityPoints + 2) / 3);
            long? points = t.PriorityPoints == 0 || givers >= floor ? t.PriorityPoints : null;
            ShareChange? trend = null;
            if (previous is not null && previous.Survey.Concerns.Contains(code) && share.Count is { } now && answered is { } n && n > 0
                && previousAnswered is { } before)
            {
                var then = previous.Total.Concern(code).Count;
                if (DisclosureRule.MayShow(then, Math.Max(floor, previous.Survey.FloorFor(code))))
                    trend = ShareChanges.Compare(then, before, now, n);
            }
            // A count of people like any other, under the concern's floor; survey-wide only, so nothing to difference it against.
            var mentions = total.MentionedInFreeText.GetValueOrDefault(code);
            return new PublishedConcern(code, count, share.Share, share.CiLow, share.CiHigh, points, weighted.GetValueOrDefault(code), trend)
            {
                MentionedInFreeText = DisclosureRule.MayShow(mentions, floor) ? mentions : null,
            };
        }).ToList();

        IReadOnlyList<PublishedDay>? days = null;
        if (counts.Days is { } perDay)
        {
            var hidden = BreakdownSuppression.HideColumn(perDay.Select(d => d.Responses).ToArray(), minimum, inherited: null, atLeastOne: true).Hidden;
            days = perDay.Select((d, i) => new PublishedDay(d.Day, hidden[i] ? null : d.Responses)).ToList();
        }

        // Said beside the trend, and as a note, so that every view and export that shows the trend carries it.
        var methodChange = previous is null ? null : MethodChanges.ConcernQuestion(previous.Survey, survey);
        if (methodChange is not null) notes.Add(methodChange);

        return new PublishedSurvey(
            survey, respondents, answered, concerns, breakdowns, weighting,
            previous is null ? null : new PublishedPrevious(previous.Survey,
                DisclosureRule.MayShow(previous.Total.Respondents, previousFloor) ? previous.Total.Respondents : null)
            {
                MethodChange = methodChange,
            },
            days, notes)
        {
            Questions = QuestionGate.Apply(counts, breakdowns, respondents, minimum),
        };
    }

    // The plain link ("") is a group every survey has, so it keeps its place; every other hidden channel goes into one.
    private static PublishedBreakdown HiddenChannelsTogether(PublishedBreakdown channels, IEnumerable<string> concerns)
    {
        var hidden = channels.Groups.Where(g => g.Value.Length > 0 && g.Respondents is null).ToList();
        if (hidden.Count == 0) return channels;
        var together = new PublishedGroup(ChannelCode.Others, null, null, concerns.ToDictionary(c => c, _ => PublishedShare.Hidden));
        return channels with { Groups = [.. channels.Groups.Where(g => !hidden.Contains(g)), together] };
    }

    // A share with its Wilson interval, when both its count and its denominator may be shown.
    private static PublishedShare ShareOf(long? count, long? of) =>
        count is not { } c ? PublishedShare.Hidden
        : of is not { } n || n == 0 ? new PublishedShare(c, null, null, null)
        : WilsonInterval.Compute(c, n) is var i ? new PublishedShare(c, (double)c / n, i.Low, i.High) : PublishedShare.Hidden;

    // Said whenever a population table is set and no weights are shown, whatever the reason: a note that said
    // why ("fewer than 5 outside the table") would state a range of a hidden count, and pin it down beside the
    // breakdowns.
    public const string WeightingWithheld =
        "Vägningen visas inte: med de svar som finns skulle vikterna tillsammans med uppdelningarna kunna avslöja dolda antal. Andelarna är ovägda.";

    // The weights are published whole or not at all (each of the answers per stratum, the weights and the
    // effective sample size gives the others away). Strata by age × gender first; if they would give a hidden
    // or small count away (the audit), or leave a small group outside the table, by age group alone, every
    // gender together, whose answers per stratum are the age breakdown's own; else none.
    //
    // A concern's weighted share is an equation with real weights over its age × gender table, and with whole
    // numbers such an equation usually has one solution: together with the breakdowns it can give the whole
    // table away. So, weighted by age × gender, it is shown only where that table may be shown anyway: every
    // age × gender count of the concern (also for those who gave no age or gender) is 0 or at least the floor,
    // and its age and gender breakdowns hide nothing. Weighted by age group alone, it is a function of the age
    // breakdown's own figures, and is shown when they all are.
    private static (PublishedWeighting?, Dictionary<string, WeightedShare>) Weigh(
        SurveyCounts counts, Dictionary<string, IReadOnlyList<SuppressedGroup>> suppressed, long? respondents, long? answered, int minimum,
        List<string> notes)
    {
        var survey = counts.Survey;
        var none = new Dictionary<string, WeightedShare>();
        if (survey.Population is not { Count: > 0 }) return (null, none);
        if (answered is not { } n || n == 0)
        {
            notes.Add(WeightingWithheld);
            return (null, none);
        }

        var byAge = counts.Breakdown(Dimensions.AgeGroup);
        var audit = new AgeGenderAudit(
            byAge, suppressed[Dimensions.AgeGroup], counts.Breakdown(Dimensions.Gender), suppressed[Dimensions.Gender],
            counts.AgeByGender, counts.Total, respondents, answered, survey.Concerns);
        var totals = survey.Concerns.ToDictionary(c => c, c => counts.Total.Concern(c).Count);
        long? ShownTotal(string code) => DisclosureRule.MayShow(totals[code], survey.FloorFor(code)) ? totals[code] : null;
        var ageGroups = byAge.Where(g => g.Value.Length > 0)
            .Select(g => new CellCounts(g.Value, Weighting.AnyGender, g.Answered, g.Counts) { Respondents = g.Respondents }).ToList();

        foreach (var byGender in new[] { true, false })
        {
            var result = byGender ? Weighting.Compute(survey, counts.AgeByGender, n, totals) : Weighting.ComputeByAge(survey, ageGroups, n, totals);
            // The strata bound who answered, and so who named each concern: they must not pin down a hidden figure of either.
            if (result is null
                || !DisclosureRule.MayShow(result.AnsweredOutsideTable, minimum)
                || !audit.PeopleSafe(result.Strata, minimum)
                || survey.Concerns.Any(c => !audit.ConcernSafe(c, result.Strata, survey.FloorFor(c), minimum, ShownTotal(c))))
                continue;

            var weightNotes = result.Notes.ToList();
            if (!byGender)
                weightNotes.Add("Vikterna räknas per åldersgrupp, alla kön tillsammans: vikter per kön skulle tillsammans med uppdelningarna kunna avslöja dolda antal.");
            var shares = new Dictionary<string, WeightedShare>();
            foreach (var (code, share) in result.Shares)
            {
                // By age group alone, the weighted share is a function of the age breakdown's own figures: it tells
                // nothing new as long as they are all shown. By age × gender, the whole table must be showable.
                var shown = byGender
                    ? audit.ConcernTable(code).All(x => DisclosureRule.MayShow(x, survey.FloorFor(code)))
                        && !suppressed[Dimensions.AgeGroup].Concat(suppressed[Dimensions.Gender]).Any(g => g.Counts[code] is null)
                    : !suppressed[Dimensions.AgeGroup].Any(g => g.Counts[code] is null);
                if (shown) shares[code] = share;
            }
            if (shares.Count < totals.Count(t => t.Value > 0 && DisclosureRule.MayShow(t.Value, survey.FloorFor(t.Key))))
                weightNotes.Add("Vägd andel visas inte för problem som för få i någon grupp efter ålder och kön har nämnt; där gäller den ovägda andelen.");
            return (new PublishedWeighting(result.Strata, result.AnsweredOutsideTable, result.EffectiveSampleSize, weightNotes), shares);
        }
        notes.Add(WeightingWithheld);
        return (null, none);
    }
}
