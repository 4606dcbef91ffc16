// Calls the API only through the client NSwag generates from the served /openapi/v1.json, and is compiled at test time
// together with it (GeneratedClientTests): an operation, type or response schema the document loses makes this file fail
// to compile; a request the document describes wrongly makes a call fail.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;

namespace Survey.GeneratedClient;

public static class Driver
{
    // What the calls returned, for the test to check.
    public static async Task<Dictionary<string, string>> RunAsync(HttpClient http, string slug)
    {
        var seen = new Dictionary<string, string>();
        var client = new SurveyApiClient(http) { BaseUrl = http.BaseAddress!.ToString() };

        var created = await client.CreateSurveyAsync(new SurveyRequest
        {
            Slug = slug,
            MunicipalityCode = "2514",
            PledgePeriodStart = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero),
            PledgePeriodEnd = new DateTimeOffset(2027, 12, 31, 0, 0, 0, TimeSpan.Zero),
            OpensAt = DateTimeOffset.UtcNow.AddDays(-1),
            ClosesAt = DateTimeOffset.UtcNow.AddDays(30),
            Languages = ["sv", "en"],
            Areas = [new Option { Code = "centrum", Label = "Kalix centrum" }, new Option { Code = "tore", Label = "Töre" }],
            Concerns = ["narkotika", "trafik", "inbrott"],
            MinimumCellSize = 1,
            Questions =
            [
                new LocalQuestion
                {
                    Code = "trygg-centrum",
                    Type = "single",
                    Label = new Dictionary<string, string> { ["sv"] = "Känner du dig trygg i centrum på kvällen?", ["en"] = "Do you feel safe in the centre in the evening?" },
                    Options =
                    [
                        new QuestionOption { Code = "ja", Label = new Dictionary<string, string> { ["sv"] = "Ja", ["en"] = "Yes" } },
                        new QuestionOption { Code = "nej", Label = new Dictionary<string, string> { ["sv"] = "Nej", ["en"] = "No" } },
                    ],
                },
            ],
            AccessibilityContact = new AccessibilityContact { Email = "tillganglighet@kalix.se", Phone = "0923-650 00" },
        });
        seen["created.slug"] = created.Slug;
        seen["created.contact"] = created.AccessibilityContact.Email;

        var published = await client.GetPublishedSurveyAsync(slug);
        seen["published.questions"] = string.Join(",", published.Questions.Select(q => q.Code));

        var receipt = await client.SubmitResponseAsync(slug, new ResponseAnswer
        {
            ResponseId = Guid.CreateVersion7(),
            Language = "sv",
            Channel = "webb",
            Concerns = ["narkotika", "trafik"],
            Priorities = ["trafik", "narkotika"],
            Safety = 3,
            Area = "tore",
            Answers = new Dictionary<string, object> { ["trygg-centrum"] = "nej" },
        });
        seen["receipt.responseId"] = receipt.ResponseId.ToString();

        var ranking = await client.GetRankingAsync(slug, null, null, null, null, null, null, null);
        seen["ranking.respondents"] = $"{ranking.Respondents}";
        seen["ranking.order"] = string.Join(",", ranking.Concerns.Select(c => c.Code));
        seen["ranking.trafik.count"] = $"{ranking.Concerns.Single(c => c.Code == "trafik").Count}";

        var byArea = await client.GetRankingAsync(slug, "area", null, null, null, null, null, null);
        seen["byArea.tore.respondents"] = $"{byArea.Breakdown.Groups.Single(g => g.Value == "tore").Respondents}";
        var byQuestion = await client.GetRankingAsync(slug, "trygg-centrum", null, null, null, null, null, null);
        seen["byQuestion.by"] = byQuestion.Breakdown.By;
        seen["byQuestion.nej.respondents"] = $"{byQuestion.Breakdown.Groups.Single(g => g.Value == "nej").Respondents}";

        var question = await client.GetQuestionResultsAsync(slug, "trygg-centrum", null, null);
        seen["question.nej.count"] = $"{question.Values.Single(v => v.Code == "nej").Count}";

        // A value the document does not list is refused, and the client reads the problem the document describes.
        try
        {
            await client.GetRankingAsync(slug, "no-such-question", null, null, null, null, null, null);
            seen["refused"] = "no";
        }
        catch (ApiException<HttpValidationProblemDetails> refused)
        {
            seen["refused"] = $"{refused.StatusCode} {string.Join(",", refused.Result.Errors.Keys)}";
        }
        return seen;
    }
}
