using System.Text.Json;
using System.Text.Json.Serialization;
using Survey.Domain.Surveys;

namespace Survey.Store;

internal static class StoreJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    // A stored survey definition. A population table outside PopulationTable's limits can only have been
    // stored before they were checked (a cell of 9223372036854775807 made every sum overflow, and every reader fail):
    // it is read as no table, so the ranking is unweighted and every page works until an admin uploads it again.
    public static SurveyDefinition ReadSurvey(string json)
    {
        var survey = JsonSerializer.Deserialize<SurveyDefinition>(json, Options)!;
        return PopulationTable.IsWithinLimits(survey.Population) ? survey : survey with { Population = null, PopulationSource = null };
    }
}
