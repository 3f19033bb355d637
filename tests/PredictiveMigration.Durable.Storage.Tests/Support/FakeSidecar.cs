using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace PredictiveMigration.Durable.Storage.Tests.Support;

/// <summary>
/// A stand-in for the Durable extension's gRPC server: Kestrel on plaintext HTTP/2 (as the extension's is), answering
/// <c>/TaskHubSidecarService/{method}</c> with raw gRPC frames (5-byte prefix + protobuf) and a <c>grpc-status</c>
/// trailer. Grpc.AspNetCore is not available, and this also pins the wire format down.
/// </summary>
internal sealed class FakeSidecar : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeSidecar(WebApplication app) => _app = app;

    /// <summary>Received calls: method name, request message bytes, request headers.</summary>
    public ConcurrentQueue<(string Method, byte[] Request, IHeaderDictionary Headers)> Calls { get; } = new();

    /// <summary>Answers a call: status, and the response message (null for none).</summary>
    public Func<string, byte[], (StatusCode Status, IMessage? Response)> Handler { get; set; } = (_, _) => (StatusCode.Unimplemented, null);

    public Uri Address => new(_app.Urls.First());

    public static async Task<FakeSidecar> StartAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        WebApplication app = builder.Build();
        var sidecar = new FakeSidecar(app);
        app.MapPost("/TaskHubSidecarService/{method}", sidecar.HandleAsync);
        await app.StartAsync();
        return sidecar;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(string method, HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        byte[] frame = buffer.ToArray();
        int length = BinaryPrimitives.ReadInt32BigEndian(frame.AsSpan(1, 4));
        byte[] request = frame.AsSpan(5, length).ToArray();
        Calls.Enqueue((method, request, context.Request.Headers));

        (StatusCode status, IMessage? response) = Handler(method, request);
        context.Response.ContentType = "application/grpc";
        if (response is not null)
        {
            byte[] payload = response.ToByteArray();
            byte[] header = new byte[5];
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(1), payload.Length);
            await context.Response.Body.WriteAsync(header);
            await context.Response.Body.WriteAsync(payload);
        }

        context.Response.AppendTrailer("grpc-status", ((int)status).ToString(CultureInfo.InvariantCulture));
        if (status != StatusCode.OK)
        {
            context.Response.AppendTrailer("grpc-message", "fake " + status);
        }
    }
}
