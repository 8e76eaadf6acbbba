using System.Threading.RateLimiting;
using Ascribe.Store;
using Ascribe.Web.Analysis;
using Ascribe.Web.Endpoints;
using Ascribe.Web.Pages;
using Ascribe.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ascribe.Web;

/// <summary>Builds the Ascribe web application: pages, JSON API, OpenAPI document and safety limits.</summary>
public static class WebServer
{
    /// <summary>
    /// Builds the application for <paramref name="options"/>. <paramref name="configure"/> runs last
    /// on the builder (tests swap Kestrel for an in-memory server there).
    /// </summary>
    /// <exception cref="ArgumentException">A URL is not loopback and <see cref="WebServerOptions.AllowRemote"/> is off.</exception>
    public static WebApplication Build(WebServerOptions options, Action<WebApplicationBuilder>? configure = null)
    {
        if (!options.AllowRemote && WebServerOptions.FirstNonLoopback(options.Urls) is string remote)
        {
            throw new ArgumentException($"'{remote}' is not a loopback address; the server listens only on 127.0.0.1, [::1] or localhost unless started with --allow-remote.");
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Production",
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);

        builder.WebHost.UseUrls(options.Urls.ToArray());
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = options.MaxRequestBytes;
        });

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<AnalysisService>();
        // Opening the store applies its migrations; a bad DB string fails here, before listening.
        IDocumentStore? store = options.Database is null ? null : new StoreBuilder(options.Database).Build();
        if (store is not null)
        {
            builder.Services.AddSingleton(store);
        }

        builder.Services.AddSingleton(new SiteInfo(options, hasCorpus: store is not null));
        builder.Services.AddSingleton<ApiToken>();
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "Ascribe API";
            doc.Info.Description = "Who said what, according to whom: analyze articles and browse the store. Write endpoints need 'Authorization: Bearer <token>'.";
            return Task.CompletedTask;
        }));
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                if (options.RateLimitPerMinute <= 0)
                {
                    return RateLimitPartition.GetNoLimiter("all");
                }

                string client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.RateLimitPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
            o.OnRejected = (rejected, _) =>
            {
                var context = rejected.HttpContext;
                if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                {
                    context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                return new ValueTask(Problems.Write(context, StatusCodes.Status429TooManyRequests, "Too many requests",
                    $"This client sent more than {options.RateLimitPerMinute} requests in a minute; wait and retry."));
            };
        });

        configure?.Invoke(builder);

        var app = builder.Build();
        if (store is not null)
        {
            app.Lifetime.ApplicationStopped.Register(store.Dispose);
        }

        app.Use(SecurityHeaders.Apply);
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // Kestrel reports an over-long body as a BadHttpRequestException carrying 413.
            StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePages();
        app.UseRateLimiter();
        app.Use((context, next) => RequestLimits.Apply(context, next, options.MaxRequestBytes));

        app.MapOpenApi();
        AnalyzeEndpoints.Map(app);
        if (store is not null)
        {
            CorpusApi.Map(app);
            CorpusPages.Map(app);
        }

        return app;
    }
}
