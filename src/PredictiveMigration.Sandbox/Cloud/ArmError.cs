using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace PredictiveMigration.Sandbox.Cloud;

/// <summary>ARM's error body: <c>{"error":{"code":"…","message":"…"}}</c>.</summary>
internal static class ArmError
{
    public static Task WriteAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new { error = new { code, message } }), context.RequestAborted);
    }
}
