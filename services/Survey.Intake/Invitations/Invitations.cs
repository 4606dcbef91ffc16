using System.Net.Http.Json;
using Survey.Domain.Surveys;
using Survey.Intake.Surveys;

namespace Survey.Intake.Invitations;

// Spends invitation codes: over HTTP at the Staff API, or in process when embedded.
public interface IInvitationRedeemer
{
    Task<InvitationState> RedeemAsync(string surveySlug, string code, CancellationToken ct);
    Task ReleaseAsync(string surveySlug, string code, CancellationToken ct);
}

public sealed class HttpInvitationRedeemer(IHttpClientFactory http) : IInvitationRedeemer
{
    private sealed record Body(string Code);
    private sealed record Result(InvitationState State);

    public async Task<InvitationState> RedeemAsync(string surveySlug, string code, CancellationToken ct)
    {
        using var response = await http.CreateClient(HttpSurveyDefinitionSource.ClientName)
            .PostAsJsonAsync($"internal/v1/surveys/{Uri.EscapeDataString(surveySlug)}/invitations/redeem", new Body(code), ct);
        response.EnsureSuccessStatusCode();
        var result = await response.Content.ReadFromJsonAsync<Result>(SurveyJson.Options, ct);
        return result?.State ?? InvitationState.Unknown;
    }

    public async Task ReleaseAsync(string surveySlug, string code, CancellationToken ct)
    {
        using var response = await http.CreateClient(HttpSurveyDefinitionSource.ClientName)
            .PostAsJsonAsync($"internal/v1/surveys/{Uri.EscapeDataString(surveySlug)}/invitations/release", new Body(code), ct);
        response.EnsureSuccessStatusCode();
    }
}

internal static class SurveyJson
{
    public static readonly System.Text.Json.JsonSerializerOptions Options = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };
}
