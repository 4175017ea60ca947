using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

namespace NgoMonitor.Host.Functions;

/// <summary>
/// The app's middleware and routes (<see cref="MonitorApp.MapMonitor"/>) as one request pipeline, for the HTTP
/// functions. Under the host, the worker's ASP.NET Core integration receives the forwarded request, routes it to a
/// function by the function's route template and invokes it with the request's <see cref="HttpContext"/>; the
/// function hands that context here, so authentication, rate limits, problem details and every route handler run
/// exactly as standalone. The function's endpoint is cleared first: routing matches again, against Monitor's own
/// route table.
/// </summary>
public sealed class HttpSurface(IServiceProvider services)
{
    private readonly Lazy<RequestDelegate> _pipeline = new(() => Build(services));

    /// <summary>Serves the request; the response is written to the context, so the function's result is empty.</summary>
    public async Task<IActionResult> ServeAsync(HttpRequest request)
    {
        var context = request.HttpContext;
        context.SetEndpoint(null);
        context.Request.RouteValues.Clear();
        await _pipeline.Value(context);
        return new EmptyResult();
    }

    private static RequestDelegate Build(IServiceProvider services)
    {
        var app = new PipelineBuilder(services);
        app.UseRouting();
        app.MapMonitor();
        app.UseEndpoints(endpoints =>
        {
            foreach (var source in app.DataSources)
            {
                endpoints.DataSources.Add(source);
            }
        });
        return app.Build();
    }

    /// <summary>An application builder that is also a route builder, as <see cref="WebApplication"/> is, without a server.</summary>
    private sealed class PipelineBuilder(IServiceProvider services) : IApplicationBuilder, IEndpointRouteBuilder
    {
        private readonly ApplicationBuilder _app = new(services);

        public IServiceProvider ApplicationServices
        {
            get => _app.ApplicationServices;
            set => _app.ApplicationServices = value;
        }

        public IFeatureCollection ServerFeatures => _app.ServerFeatures;

        public IDictionary<string, object?> Properties => _app.Properties;

        public IServiceProvider ServiceProvider => services;

        public ICollection<EndpointDataSource> DataSources { get; } = [];

        public IApplicationBuilder Use(Func<RequestDelegate, RequestDelegate> middleware)
        {
            _app.Use(middleware);
            return this;
        }

        public IApplicationBuilder New() => _app.New();

        public RequestDelegate Build() => _app.Build();

        public IApplicationBuilder CreateApplicationBuilder() => _app.New();
    }
}
