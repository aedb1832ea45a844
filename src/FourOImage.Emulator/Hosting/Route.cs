using System;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace FourOImage.Emulator.Hosting;

/// <summary>Where a request goes: the host and endpoint names it is logged under, and its handler.</summary>
internal readonly record struct Route(string Host, string Endpoint, Func<HttpContext, Task> Handler, bool Faultable);
